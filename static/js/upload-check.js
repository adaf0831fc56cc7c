// Checks the files a member picks before anything is sent: the types in `accept` and the byte limit in
// `data-max-bytes`, both written by cop/uploads.py from the limits the server enforces (it checks again). A file
// that would be refused is taken out of the input, so it is never uploaded; its Indonesian message (the server's
// own wording, from `data-too-large` / `data-not-allowed`) shows under the field and in the form's error summary.
// As after the server's refusal, the member picks again (which replaces the message) or sends the form without.
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  // One decimal in the page's language, as the server's number_format writes it: 21,0 in Indonesian.
  function megabytes(bytes) {
    var value = bytes / (1024 * 1024);
    try {
      return value.toLocaleString(document.documentElement.lang || "id", {
        minimumFractionDigits: 1, maximumFractionDigits: 1,
      });
    } catch (error) {
      return value.toFixed(1);
    }
  }

  function problems(input) {
    var maxBytes = Number(input.getAttribute("data-max-bytes"));
    var allowed = (input.getAttribute("accept") || "").toLowerCase().split(",").filter(Boolean);
    var found = [];
    Array.prototype.forEach.call(input.files || [], function (file) {
      var dot = file.name.lastIndexOf(".");
      var extension = dot === -1 ? "" : file.name.slice(dot).toLowerCase();
      if (allowed.length && allowed.indexOf(extension) === -1) {
        found.push(fill(input.getAttribute("data-not-allowed"), {
          name: file.name, allowed: input.getAttribute("data-allowed"),
        }));
      } else if (maxBytes && file.size > maxBytes) {
        found.push(fill(input.getAttribute("data-too-large"), {
          name: file.name, size: megabytes(file.size), limit: input.getAttribute("data-limit"),
        }));
      }
    });
    return found;
  }

  function summaryOf(form, input) {
    var summary = form.querySelector("[data-error-summary]");
    if (summary) return summary;
    summary = document.createElement("div");
    summary.className = "error-summary";
    summary.setAttribute("data-error-summary", "");
    summary.setAttribute("data-made-here", "");
    summary.tabIndex = -1;
    var heading = document.createElement("h2");
    heading.className = "error-summary-title";
    heading.id = input.id + "_masalah";
    heading.textContent = input.getAttribute("data-summary-title");
    summary.setAttribute("aria-labelledby", heading.id);
    var list = document.createElement("ul");
    list.className = "error-summary-list";
    summary.appendChild(heading);
    summary.appendChild(list);
    form.insertBefore(summary, form.firstChild);
    return summary;
  }

  function show(input, messages) {
    var form = input.form;
    var errorId = input.id + "_error";
    var field = input.closest(".field") || input.parentNode;
    // What the server said about the files picked earlier no longer applies.
    var old = document.getElementById(errorId);
    if (old) old.remove();
    var summary = form.querySelector("[data-error-summary]");
    if (summary) {
      summary.querySelectorAll('a[href="#' + input.id + '"]').forEach(function (link) {
        link.closest("li").remove();
      });
    }
    var described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== errorId;
    });
    field.classList.toggle("field-error", messages.length > 0);
    if (!messages.length) {
      input.removeAttribute("aria-invalid");
      if (summary && !summary.querySelector("li")) {
        if (summary.hasAttribute("data-made-here")) summary.remove();
        else summary.hidden = true;
      }
    } else {
      var box = document.createElement("div");
      box.id = errorId;
      messages.forEach(function (message) {
        var line = document.createElement("p");
        line.className = "error";
        line.setAttribute("role", "alert");
        line.textContent = message;
        box.appendChild(line);
      });
      if (field.tagName === "P") field.after(box); // no block inside a paragraph (templates/assessment/aspect.html)
      else field.appendChild(box);
      described.push(errorId);
      input.setAttribute("aria-invalid", "true");
      summary = summaryOf(form, input);
      summary.hidden = false;
      var list = summary.querySelector("ul");
      messages.forEach(function (message) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + input.id;
        link.textContent = message;
        item.appendChild(link);
        list.appendChild(item);
      });
    }
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    else input.removeAttribute("aria-describedby");
  }

  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    if (!input.form || !input.id) return;
    input.addEventListener("change", function () {
      var messages = problems(input);
      if (messages.length) input.value = ""; // never upload a file the server would refuse
      show(input, messages);
    });
  });
})();
