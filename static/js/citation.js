// "Salin kutipan": a button on every clause that copies its citation and permalink,
// e.g. "Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018 — https://…#pasal-11-ayat-6-huruf-c".
// Without JavaScript the citation is still in each clause link's title and the anchor is in the URL.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-citation][id]").forEach((clause) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-citation";
    button.textContent = "Salin kutipan";
    button.setAttribute("aria-label", "Salin kutipan " + clause.dataset.citation);
    button.addEventListener("click", async () => {
      const url = location.origin + location.pathname + "#" + clause.id;
      await navigator.clipboard.writeText(clause.dataset.citation + " — " + url);
      button.textContent = "Tersalin";
      setTimeout(() => { button.textContent = "Salin kutipan"; }, 2000);
    });
    const anchor = clause.querySelector(":scope > .clause-link, :scope > h2");
    (anchor || clause).insertAdjacentElement("afterend", button);
  });
});
