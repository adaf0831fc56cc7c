// "Salin kutipan": a button on every clause that copies its citation and permalink,
// e.g. "Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018 — https://…#pasal-11-ayat-6-huruf-c".
// Without JavaScript the citation is still in each clause link's title and the anchor is in the URL.
// Its words come from the page (data-*-label on the article), translated there with the rest of the page.
document.addEventListener("DOMContentLoaded", () => {
  const words = document.querySelector("article.regulation").dataset;
  // A link to a clause that does not exist (a typo, an old numbering) says so instead of landing at the top.
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (/^pasal-[a-z0-9-]+$/.test(wanted) && !document.getElementById(wanted)) {
    const notice = document.createElement("p");
    notice.className = "callout callout-warning";
    notice.setAttribute("role", "alert");
    notice.append(words.missingLabel.replace("%(anchor)s", wanted) + " ");
    const link = document.createElement("a");
    link.href = location.pathname.replace(/\/?$/, "/") + wanted + "/";
    link.textContent = words.nearestLabel;
    notice.append(link);
    document.querySelector("main").prepend(notice);
  }
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-citation][id]").forEach((clause) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-citation";
    button.textContent = words.copyLabel;
    button.setAttribute("aria-label", words.copyLabel + " " + clause.dataset.citation);
    button.addEventListener("click", async () => {
      const url = location.origin + location.pathname + "#" + clause.id;
      await navigator.clipboard.writeText(clause.dataset.citation + " — " + url);
      button.textContent = words.copiedLabel;
      setTimeout(() => { button.textContent = words.copyLabel; }, 2000);
    });
    const anchor = clause.querySelector(":scope > .clause-link, :scope > h2");
    (anchor || clause).insertAdjacentElement("afterend", button);
  });
});
