// The header menu, folded behind the "Menu" button on screens narrower than 900px (with the search and account
// links): opened and closed with the button (Enter or Space, as any button) and closed again with Escape, which gives
// focus back to the button. Without JavaScript the menu is always shown (see .js-menu in portal.css).
// The account menu is a <details> disclosure and works without this file; here Escape or a click elsewhere closes it.
(function () {
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
})();
(function () {
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }
  header.classList.add("js-menu");
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
