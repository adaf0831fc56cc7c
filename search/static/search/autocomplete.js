// Suggest page titles and glossary terms while typing in the search box (GET /api/search/autocomplete/?q=).
document.addEventListener("DOMContentLoaded", () => {
    const input = document.querySelector("input[data-autocomplete-url]");
    if (!input) return;
    const list = document.getElementById(input.getAttribute("list"));
    let timer;
    input.addEventListener("input", () => {
        clearTimeout(timer);
        const q = input.value.trim();
        if (q.length < 2) return;
        timer = setTimeout(async () => {
            const response = await fetch(`${input.dataset.autocompleteUrl}?q=${encodeURIComponent(q)}`);
            if (!response.ok) return;
            const data = await response.json();
            list.replaceChildren(...data.results.map((item) => Object.assign(document.createElement("option"), { value: item.title })));
        }, 150);
    });
});
