// The practice form's indicator chooser (cop.forms.IndicatorCheckboxes): 46 checkboxes in one fieldset per aspect.
// Once an aspect is chosen only its indicators show; a search box above the list keeps those whose code or text
// holds every word typed. A ticked box always stays in view, so nothing chosen is hidden. Without JavaScript the
// whole list stays visible and the server checks that the indicators belong to the aspect.
// (The instansi chooser's combobox asks the server for one name; this filters a list already on the page.)
(function () {
  "use strict";
  var list = document.querySelector("[data-choice-groups]");
  if (!list) return;
  var aspect = document.querySelector("select[name=aspect]");
  var boxes = list.querySelectorAll("input[type=checkbox]");
  var groups = list.querySelectorAll("[data-choice-group]");

  var search = document.createElement("div");
  search.className = "choice-search";
  var label = document.createElement("label");
  label.htmlFor = list.id + "_cari";
  label.textContent = list.getAttribute("data-search-label");
  var input = document.createElement("input");
  input.type = "search";
  input.id = list.id + "_cari";
  input.autocomplete = "off";
  input.setAttribute("aria-controls", list.id);
  var status = document.createElement("p");
  status.className = "small";
  status.setAttribute("role", "status");
  search.appendChild(label);
  search.appendChild(input);
  search.appendChild(status);
  list.parentNode.insertBefore(search, list);

  function words() {
    return input.value.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function filter() {
    var wanted = words();
    var shown = 0;
    boxes.forEach(function (box) {
      var row = box.closest("label") || box.parentNode;
      var text = row.textContent.toLowerCase();
      var inAspect = !aspect || !aspect.value || box.dataset.aspect === aspect.value;
      var matches = wanted.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !(box.checked || (inAspect && matches));
      if (!row.hidden) shown++;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("label:not([hidden])");
    });
    status.textContent = list.getAttribute("data-count")
      .replace("%(count)s", shown).replace("%(total)s", boxes.length);
  }

  if (aspect) aspect.addEventListener("change", filter);
  input.addEventListener("input", filter);
  // Enter in the search box filters; it must not send the half-filled form.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") event.preventDefault();
  });
  filter();
})();
