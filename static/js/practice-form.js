// The practice form lists every indicator; once an aspect is chosen, show only that aspect's indicators.
// Without JavaScript all of them stay visible and the server checks that they belong to the aspect.
(function () {
  var aspect = document.querySelector("select[name=aspect]");
  if (!aspect) return;
  var boxes = document.querySelectorAll("input[name=indicators][data-aspect]");
  function filter() {
    boxes.forEach(function (box) {
      var row = box.closest("label") || box.parentNode;
      var show = !aspect.value || box.dataset.aspect === aspect.value || box.checked;
      row.hidden = !show;
    });
  }
  aspect.addEventListener("change", filter);
  filter();
})();
