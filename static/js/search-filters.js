// The search filters on /cari/ are a <details>, closed in the HTML so that on a phone the results come first and the
// filters take one line; on a screen at least as wide as its data-open-from (the width from which portal.css puts
// the filters in a column beside the results) it is opened here, so opening it moves none of the results.
(function () {
  "use strict";
  document.querySelectorAll("details[data-open-from]").forEach(function (details) {
    if (window.matchMedia("(min-width: " + details.getAttribute("data-open-from") + ")").matches) details.open = true;
  });
})();
