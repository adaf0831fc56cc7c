// The instansi chooser (portal/instansi_chooser.py): suggestions under the text input as the member types, from
// /instansi/cari/, in the WAI-ARIA combobox pattern (list autocomplete): arrow keys move through the suggestions,
// Enter or a click picks one, Escape closes the list. Picking puts the instansi's id in the hidden input, which
// the server takes over the typed text; typing again clears it. Without JavaScript the server resolves the name.
(function () {
  "use strict";
  var DELAY = 150; // ms after the last key before asking the server
  var MIN_LENGTH = 2;
  var MAX_LENGTH = 100; // the endpoint refuses longer queries

  function setup(box) {
    var input = box.querySelector("input[role=combobox]");
    var hidden = box.querySelector("input[data-instansi-id]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[data-instansi-status]");
    var url = box.getAttribute("data-url");
    if (!input || !hidden || !list || !url || !window.fetch) return;
    var timer = null;
    var controller = null;
    var results = [];
    var active = -1;

    // The messages come translated from the server (portal/instansi_chooser.py), the fallback is Indonesian.
    function say(key, fallback) {
      return box.getAttribute("data-" + key) || fallback;
    }

    function announce(text) {
      if (status) status.textContent = text;
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index;
      for (var n = 0; n < options.length; n++) {
        options[n].setAttribute("aria-selected", n === index ? "true" : "false");
      }
      if (options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = results[index];
      if (!item) return;
      input.value = item.name;
      hidden.value = String(item.id);
      close();
      announce(say("picked", "{name} dipilih.").replace("{name}", item.name));
    }

    function option(item, index) {
      var li = document.createElement("li");
      li.id = list.id + "-" + index;
      li.className = "instansi-option";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.textContent = item.name;
      li.appendChild(name);
      var detail = [item.kind_label, item.province].filter(Boolean).join(" · ");
      if (detail) {
        var small = document.createElement("span");
        small.className = "instansi-option-detail";
        small.textContent = detail;
        li.appendChild(small);
      }
      // Keep the focus in the input, so the list does not close before the click arrives.
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
      });
      li.addEventListener("click", function () {
        choose(index);
      });
      return li;
    }

    function show(items) {
      results = items;
      list.textContent = "";
      items.forEach(function (item, index) {
        list.appendChild(option(item, index));
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        announce(say("found", "{count} saran instansi.").replace("{count}", items.length));
      } else {
        close();
        announce(say("none", "Tidak ada instansi yang cocok."));
      }
    }

    function lookup() {
      var query = input.value.trim().slice(0, MAX_LENGTH);
      if (controller) controller.abort();
      if (query.length < MIN_LENGTH) {
        results = [];
        list.textContent = "";
        close();
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (items) {
          // Only for what is still typed, and only while the member is still in the field.
          if (input.value.trim().slice(0, MAX_LENGTH) !== query || document.activeElement !== input) return;
          show(Array.isArray(items) ? items : []);
        })
        .catch(function () {
          // Aborted by a newer query, or offline: the typed name is still resolved on the server.
        });
    }

    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(lookup, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && results.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) highlight(active + 1 < results.length ? active + 1 : 0);
        else lookup();
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        highlight(active > 0 ? active - 1 : results.length - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault(); // pick the suggestion, do not submit the form yet
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      setTimeout(close, 100);
    });
  }

  document.querySelectorAll("[data-instansi-chooser]").forEach(setup);
})();
