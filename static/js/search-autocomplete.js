// Suggestions under a search box (the header's, and the one on /cari/) from /api/search/autocomplete/, in the
// WAI-ARIA combobox pattern with list autocomplete, as static/js/instansi-chooser.js does for the instansi: the
// focus stays in the input, arrow keys move through the suggestions (aria-activedescendant), Enter opens the
// highlighted page, Escape closes the list, and a polite live region says how many there are. Each suggestion is a
// link to the hit's page. Without JavaScript (or before the first suggestion) the form simply submits to /cari/.
// The messages come from the template in the page's language (templates/search/includes/autocomplete_attrs.html).
(function () {
  "use strict";
  var DELAY = 200; // ms after the last key before asking the server
  var MIN_LENGTH = 2;
  var MAX_LENGTH = 100; // the endpoint reads no more than this

  function setup(form, number) {
    var input = form.querySelector("input[name=q]");
    var url = form.getAttribute("data-autocomplete-url");
    if (!input || !url || !window.fetch) return;

    function say(key, fallback) {
      return form.getAttribute("data-" + key) || fallback;
    }

    // The list and the live region exist only with JavaScript: without it the input is a plain search box.
    var box = document.createElement("div");
    box.className = "search-combobox";
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    var list = document.createElement("div");
    list.id = (input.id || "cari-" + number) + "-saran";
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", say("list-label", "Saran pencarian"));
    list.hidden = true;
    box.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    input.removeAttribute("list"); // no datalist besides this list

    var timer = null;
    var controller = null;
    var results = [];
    var active = -1;

    function announce(text) {
      status.textContent = text;
    }

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var all = options();
      active = index;
      for (var n = 0; n < all.length; n++) {
        all[n].setAttribute("aria-selected", n === index ? "true" : "false");
      }
      if (all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(item, index) {
      // A link in the role of an option: a click (or a middle click) follows it; it is never in the Tab order.
      var link = document.createElement("a");
      link.id = list.id + "-" + index;
      link.className = "search-option";
      link.href = item.url;
      link.tabIndex = -1;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      link.textContent = item.title;
      // Keep the focus in the input, so the list does not close before the click arrives.
      link.addEventListener("mousedown", function (event) {
        event.preventDefault();
      });
      return link;
    }

    function show(items) {
      results = items.filter(function (item) {
        return item && item.url && item.title;
      });
      list.textContent = "";
      results.forEach(function (item, index) {
        list.appendChild(option(item, index));
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        var message = results.length === 1 ? say("found-one", "1 saran.") : say("found-many", "{count} saran.");
        announce(message.replace("{count}", results.length));
      } else {
        close();
        announce(say("none", "Tidak ada saran."));
      }
    }

    function typed() {
      return input.value.trim().slice(0, MAX_LENGTH);
    }

    function lookup() {
      var query = typed();
      if (controller) controller.abort();
      if (query.length < MIN_LENGTH) {
        results = [];
        list.textContent = "";
        close();
        announce("");
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          // Only for what is still typed, and only while the visitor is still in the field.
          if (typed() !== query || document.activeElement !== input) return;
          show(data && Array.isArray(data.results) ? data.results : []);
        })
        .catch(function () {
          // Aborted by a newer query, or offline: the form still submits to the search page.
        });
    }

    input.addEventListener("input", function () {
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
          event.preventDefault(); // go to the highlighted page instead of the results page
          window.location.assign(options()[active].href);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          event.stopPropagation(); // the header menu (static/js/menu.js) closes on Escape too: one thing at a time
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
  }

  document.querySelectorAll("form[data-autocomplete-url]").forEach(setup);
})();
