// The header menu, folded behind the "Menu" button on screens narrower than 900px (with the search and account
// links): opened and closed with the button (Enter or Space, as any button) and closed again with Escape, which gives
// focus back to the button. Without JavaScript the menu is always shown.
// This file is loaded in <head> without `defer`, so that its first line puts class "js" on <html> before the first
// paint: portal.css folds the phone menu under `.js`, and the header has its final height from the start instead of
// collapsing after load and pushing <main> up (a layout shift). The rest waits for the document.
// The account menu is a <details> disclosure and works without this file; here Escape or a click elsewhere closes it.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  var account = document.querySelector(".account-menu");
  if (account) {
    account.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && account.open) {
        account.open = false;
        account.querySelector("summary").focus();
        event.stopPropagation();
      }
    });
    document.addEventListener("click", function (event) {
      if (account.open && !account.contains(event.target)) account.open = false;
    });
  }

  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
});
