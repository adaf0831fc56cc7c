"""Text typed by members (practices, comments, profiles) is kept as plain text: every tag is dropped on the way in.

Members write in plain inputs, so markup there is either a mistake or an attack. Dropping it with nh3 (not
escaping it) keeps the stored text clean for every place that shows it: pages, e-mails, search snippets, CSV and
the API, whose consumers may put it into HTML without escaping. `<script>` and `<style>` lose their content too;
templates still escape on output, and `urlize` only ever links http(s) and www addresses, so a `javascript:` URL
stays inert text.

Entities are decoded *before* cleaning, and the two repeat until nothing changes: `&lt;svg onload=…&gt;` (or the
same encoded twice) is a tag once decoded, so it must meet the cleaner as one, not come out of it as live markup.
"""

import html

import nh3

# Each round either strips markup or decodes one level of entities, so the text shrinks until it is stable; this
# many rounds covers any honest text, and what is still changing after them loses its angle brackets.
_MAX_ROUNDS = 20


def plain_text(value: str) -> str:
    text = (value or "").replace("\r\n", "\n")
    for _ in range(_MAX_ROUNDS):
        cleaned = html.unescape(nh3.clean(html.unescape(text), tags=set(), clean_content_tags={"script", "style"}))
        if cleaned == text:
            break
        text = cleaned
    else:
        text = text.replace("<", "").replace(">", "")
    return text.strip()
