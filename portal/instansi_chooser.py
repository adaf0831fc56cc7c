"""Choosing an instansi in the public forms: a text input with the instansi's name and suggestions as one types.

The register holds some 600 instansi (portal/instansi.py), too many for a `<select>`. `InstansiChoiceField` renders
the WAI-ARIA 1.2 combobox pattern: a labelled text input with `role="combobox"` and `aria-autocomplete="list"`, and
a listbox that static/js/instansi-chooser.js fills from /instansi/cari/ (portal/instansi_views.py, `suggestions`
below). Picking a suggestion puts its id in a hidden input beside the text, and that id, when it names an
instansi, is what the form takes.

Without JavaScript the member types the name and the server resolves it (`InstansiChoiceField.clean`): the exact
name (case-insensitive, "Pemerintah" may be left out), else the only instansi that matches, else an error that
lists up to five candidates or says the name is not in the register. An id in place of the name, what the earlier
`<select>` sent, is still accepted.

The script and its stylesheet come with the widget's `Media`: a template shows them with `{{ form.media }}`.
"""

from functools import reduce
from operator import and_

from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .instansi import Instansi

SUGGESTIONS = 10  # at most this many suggestions
QUERY_LIMIT = 100  # longer queries are refused by the endpoint
NAME_LIMIT = 200  # Instansi.name's max_length: longer text names no instansi
CANDIDATES = 5  # named in the error when the text matches several
_WORDS = 8  # words of a query looked for separately; the rest still count in the whole-text match


def _normal(text: str) -> str:
    return " ".join(text.split())


def _id(value) -> int | None:
    """`value` as an id a database column can hold, else None (a 20-digit number would overflow the driver)."""
    value = str(value).strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def matching(query: str, queryset: QuerySet | None = None) -> QuerySet:
    """The instansi whose name contains `query`, or each of its words, best first: the exact name ("Pemerintah"
    may be left out), then names with a word starting with the query, then names containing it, then names
    containing all its words; within each, the shortest name first (the query is more of it: "aceh" puts the
    province before its kabupaten), then alphabetical. `query` is normalised and not empty."""
    queryset = Instansi.objects.all() if queryset is None else queryset
    words = query.split()[:_WORDS]
    found = Q(name__icontains=query)
    if len(words) > 1:
        found |= reduce(and_, (Q(name__icontains=word) for word in words))
    return (
        queryset.filter(found)
        .annotate(
            rank=Case(
                When(Q(name__iexact=query) | Q(name__iexact=f"Pemerintah {query}"), then=Value(0)),
                When(
                    Q(name__istartswith=query) | Q(name__icontains=f" {query}") | Q(name__icontains=f"/{query}"),
                    then=Value(1),
                ),
                When(name__icontains=query, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", Length("name"), "name")
    )


def suggestions(query: str, limit: int = SUGGESTIONS) -> list[dict]:
    """What /instansi/cari/ answers: up to `limit` instansi matching `query`, as JSON-ready dicts."""
    query = _normal(query)
    if not query:
        return []
    labels = dict(Instansi.KIND_CHOICES)
    return [
        {"id": item.pk, "name": item.name, "kind_label": labels.get(item.kind, item.kind), "province": item.province}
        for item in matching(query)[:limit]
    ]


def _shown(value) -> str:
    """What the text input shows for `value`: the text as typed (bound data), else the name of the instansi given
    as an object or an id (a form's initial value)."""
    if isinstance(value, dict):
        return str(value.get("text", ""))
    if isinstance(value, Instansi):
        return value.name
    if value in (None, ""):
        return ""
    key = _id(value)
    if key is None:
        return str(value)
    return Instansi.objects.filter(pk=key).values_list("name", flat=True).first() or ""


class InstansiChooser(forms.Widget):
    """The text input (`name`) with the listbox of suggestions, and the hidden `<name>_id` the script fills.

    The hidden input is always rendered empty: what the page shows is the name, and a name resolves on the server
    just as well, so a member without JavaScript who edits the text is never overruled by an id chosen earlier."""

    class Media:
        css = {"all": ["css/instansi-chooser.css"]}
        js = [forms.Script("js/instansi-chooser.js", defer=True)]

    def value_from_datadict(self, data, files, name):
        return {"text": data.get(name) or "", "id": data.get(f"{name}_id") or ""}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_id" not in data

    def format_value(self, value) -> str:
        return _shown(value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        input_id = attrs.get("id") or f"id_{name}"
        attrs.update(
            {
                "type": "text",
                "name": name,
                "id": input_id,
                "value": self.format_value(value),
                "role": "combobox",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "aria-controls": f"{input_id}_saran",
                "autocomplete": "off",
                "spellcheck": "false",
                "maxlength": str(NAME_LIMIT),
            }
        )
        text_input = format_html("<input{}>", flatatt(attrs))
        return format_html(
            '<div class="instansi-chooser" data-instansi-chooser data-url="{url}" data-picked="{picked}" '
            'data-found="{found}" data-none="{none}">{input}'
            '<input type="hidden" name="{name}_id" value="" data-instansi-id>'
            '<ul id="{id}_saran" role="listbox" aria-label="{label}" class="instansi-suggestions" hidden></ul>'
            '<p class="visually-hidden" role="status" aria-live="polite" data-instansi-status></p></div>',
            url=reverse("instansi_search"),
            input=text_input,
            name=name,
            id=input_id,
            label=gettext("Saran instansi"),
            # What the script announces, in the page's language ({name}, {count} filled in by the script).
            picked=gettext("{name} dipilih."),
            found=gettext("{count} saran instansi. Pilih dengan panah atas atau bawah, lalu Enter."),
            none=gettext("Tidak ada instansi yang cocok."),
        )


class InstansiChoiceField(forms.Field):
    """A form field whose value is an Instansi (or None), chosen with `InstansiChooser`; see the module docstring
    for how typed text is resolved. `required` and `error_messages["required"]` work as on any field."""

    widget = InstansiChooser
    default_error_messages = {
        "required": _("Instansi wajib diisi."),
        "too_long": format_lazy(_("Nama instansi terlalu panjang (paling banyak {limit} huruf)."), limit=NAME_LIMIT),
        "null": _("Nama instansi tidak boleh memuat karakter NUL."),
        "ambiguous": _("Ada beberapa instansi yang cocok dengan “%(text)s”. Pilih salah satu: %(candidates)s."),
        "unknown": _("Instansi “%(text)s” tidak ada di daftar."),
    }

    def __init__(self, queryset: QuerySet | None = None, **kwargs):
        kwargs.setdefault("label", _("Instansi"))
        kwargs.setdefault(
            "help_text", _("Ketik sebagian nama, mis. “Sleman” atau “Badan Kepegawaian”, lalu pilih dari saran.")
        )
        super().__init__(**kwargs)
        self.queryset = Instansi.objects.all() if queryset is None else queryset

    def prepare_value(self, value):
        return _shown(value)

    def clean(self, value):
        value = value if isinstance(value, dict) else {"text": value or "", "id": ""}
        chosen = self._by_id(value.get("id"))
        if chosen is None:
            chosen = self._by_text(str(value.get("text") or ""))
        if chosen is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return chosen

    def has_changed(self, initial, data):
        try:
            chosen = self.clean(data)
        except forms.ValidationError:
            return True
        initial = initial.pk if isinstance(initial, Instansi) else initial
        return str(getattr(chosen, "pk", "") or "") != str(initial or "")

    def _by_id(self, key) -> Instansi | None:
        key = _id(key or "")
        return self.queryset.filter(pk=key).first() if key is not None else None

    def _by_text(self, text: str) -> Instansi | None:
        if "\x00" in text:
            raise forms.ValidationError(self.error_messages["null"], code="null")
        text = _normal(text)
        if not text:
            return None
        if len(text) > NAME_LIMIT:
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long")
        if _id(text) is not None:
            by_id = self._by_id(text)
            if by_id is not None:
                return by_id
        found = list(matching(text, self.queryset)[: CANDIDATES + 1])
        if found and (found[0].rank == 0 or len(found) == 1):
            return found[0]
        if not found:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"text": text})
        names = "; ".join(item.name for item in found[:CANDIDATES])
        if len(found) > CANDIDATES:
            names += "; atau ketik nama yang lebih lengkap"
        raise forms.ValidationError(
            self.error_messages["ambiguous"], code="ambiguous", params={"text": text, "candidates": names}
        )
