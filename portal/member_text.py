"""Text typed by members (practices, comments) is kept as plain text: every tag is dropped on the way in.

Members write in a textarea, so markup there is either a mistake or an attack. Dropping it with nh3 (not
escaping it) keeps the stored text clean for every place that shows it: pages, e-mails, search snippets and the
API. `<script>` and `<style>` lose their content too; templates still escape on output, and `urlize` only ever
links http(s) and www addresses, so a `javascript:` URL stays inert text.
"""

import html

import nh3


def plain_text(value: str) -> str:
    cleaned = nh3.clean(value or "", tags=set(), clean_content_tags={"script", "style"})
    return html.unescape(cleaned).replace("\r\n", "\n").strip()
