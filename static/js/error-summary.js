// The error summary (templates/includes/error_summary.html): when a refused form comes back, the focus moves to
// the summary so a screen reader reads the problems first; a link in it focuses its field with the field's label
// or legend in view, which following the #id alone does not do. The file is loaded once per summary: run once.
(function () {
  "use strict";
  if (document.documentElement.hasAttribute("data-error-summary-ready")) return;
  document.documentElement.setAttribute("data-error-summary-ready", "");

  function labelOf(field) {
    var fieldset = field.closest("fieldset");
    if ((field.type === "checkbox" || field.type === "radio") && fieldset) return fieldset.querySelector("legend");
    return (field.id && document.querySelector('label[for="' + field.id + '"]')) || field;
  }

  function onClick(event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) return;
    event.preventDefault();
    (labelOf(field) || field).scrollIntoView();
    field.focus({ preventScroll: true });
  }

  // Also the summaries static/js/upload-check.js builds later: the listener is on the document.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-error-summary]")) onClick(event);
  });

  function focusFirst() {
    var summary = document.querySelector("[data-error-summary]:not([hidden])");
    if (summary) summary.focus();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", focusFirst);
  else focusFirst();
})();
