from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.models import ModelChoiceIterator
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meritopedia.models import Aspect, Indicator
from portal.instansi_chooser import InstansiChoiceField
from portal.member_text import plain_text

from .discussion import Comment
from .members import MemberProfile
from .practices import GoodPracticePage
from .uploads import ALLOWED_TEXT, MAX_FILES, MAX_MEGABYTES, check_attachment, input_attrs

TEXT_LIMIT = 10000
COMMENT_LIMIT = 5000


def aspect_label(aspect) -> str:
    """An aspect in the page's language, as search's facets show it: the catalogue has the rubric's aspects."""
    return gettext(str(aspect))


class AspectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, aspect):
        return aspect_label(aspect)


class ChoicesByIdField(forms.ModelMultipleChoiceField):
    """Django looks all submitted ids up in one `pk__in` query, and an id beyond 64 bits makes the database driver
    fail there (SQLite: OverflowError) instead of the form; such an id is refused as the invalid choice it is."""

    def clean(self, value):
        for key in value if isinstance(value, list | tuple) else ():
            try:
                too_big = abs(int(key)) >= 2**63
            except (TypeError, ValueError):
                continue  # not a number: Django's own check refuses it
            if too_big:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": key}
                )
        return super().clean(value)

    def label_from_instance(self, obj):
        return aspect_label(obj) if isinstance(obj, Aspect) else super().label_from_instance(obj)


class PlainTextFields:
    """Form mixin: what members type in `plain_text_fields` is stored as plain text (portal.member_text)."""

    plain_text_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.plain_text_fields:
            if cleaned.get(name):
                cleaned[name] = plain_text(cleaned[name])
        return cleaned


class MemberProfileForm(PlainTextFields, forms.ModelForm):
    plain_text_fields = ("full_name", "unit", "jabatan")
    instansi = InstansiChoiceField(required=False, label=_("Instansi"))
    aspects = ChoicesByIdField(
        Aspect.objects.filter(version__is_current=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Aspek yang Anda tangani"),
    )

    class Meta:
        model = MemberProfile
        fields = ["full_name", "instansi", "unit", "jabatan", "aspects", "in_directory", "language"]
        error_messages = {"full_name": {"required": _("Nama lengkap wajib diisi.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False  # a form sent without it keeps the language chosen before

    def clean_language(self):
        return self.cleaned_data["language"] or self.instance.language


class CheckedFileInput(forms.ClearableFileInput):
    """A file input the browser checks against cop/uploads.py's types and size before anything is uploaded."""

    class Media:
        js = [forms.Script("js/upload-check.js", defer=True)]

    def __init__(self, attrs=None):
        super().__init__({**input_attrs(), **(attrs or {})})


class MultipleFileInput(CheckedFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input, each checked by `check_attachment` (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(gettext("Paling banyak %(count)s lampiran sekaligus.") % {"count": MAX_FILES})
        errors = []
        for upload in files:
            try:
                upload.kind = check_attachment(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(
                errors + [gettext("Isian lain tetap tersimpan di formulir; pilih ulang lampirannya.")]
            )
        return files


class IndicatorCheckboxes(forms.CheckboxSelectMultiple):
    """The indicators as checkboxes in one fieldset per aspect, the checkbox list's counterpart of <optgroup>: the
    full label wraps, which no <select> option can. Each box carries its aspect (`data-aspect`), so
    static/js/practice-form.js can show the chosen aspect's and filter them by what the member types."""

    template_name = "includes/widgets/grouped_checkboxes.html"

    def render(self, name, value, attrs=None, renderer=None):
        """With the project's template engine: Django's form renderer does not look in the project's templates/."""
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        indicator = getattr(value, "instance", None)
        if indicator is not None:
            option["attrs"]["data-aspect"] = str(indicator.aspect_id)
        return option


class _ByAspect(ModelChoiceIterator):
    """The indicators grouped under their aspect's name, in rubric order, from the one query of the queryset."""

    def __iter__(self):
        groups = {}
        for indicator in self.queryset:
            groups.setdefault(indicator.aspect, []).append(self.choice(indicator))
        for aspect, choices in groups.items():
            yield aspect_label(aspect), choices  # as the aspect select names it


class IndicatorChoiceField(ChoicesByIdField):
    iterator = _ByAspect

    def label_from_instance(self, indicator):
        return f"{indicator.code} — {indicator.clause.text}"


class PracticeForm(PlainTextFields, forms.ModelForm):
    """What a member fills in to share a practice. Text is stored as plain text (see portal.member_text)."""

    plain_text_fields = ("title", "problem", "action", "results", "lessons")

    instansi = InstansiChoiceField(label=_("Instansi"))
    aspect = AspectChoiceField(
        Aspect.objects.filter(version__is_current=True), label=_("Aspek"), empty_label=_("— pilih aspek —")
    )
    indicators = IndicatorChoiceField(
        Indicator.objects.filter(aspect__version__is_current=True).select_related("aspect", "clause"),
        widget=IndicatorCheckboxes,
        label=_("Indikator yang dipenuhi"),
    )
    attachments = MultipleFileField(required=False, label=_("Lampiran bukti"))

    class Meta:
        model = GoodPracticePage
        fields = ["title", "instansi", "aspect", "indicators", "problem", "action", "results", "lessons"]
        labels = {"title": _("Judul praktik baik")}
        help_texts = {
            "title": _("Singkat dan jelas, mis. “Talent pool berbasis nine box di Kabupaten X”."),
            "results": _("Sertakan angka: sebelum dan sesudah, jumlah pegawai, waktu yang dihemat."),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in ["problem", "action", "results", "lessons"]}

    def __init__(self, *args, removable=(), **kwargs):
        super().__init__(*args, **kwargs)
        limits = {"title": 200, "problem": TEXT_LIMIT, "action": TEXT_LIMIT, "results": TEXT_LIMIT}
        limits["lessons"] = TEXT_LIMIT
        self.fields["attachments"].help_text = gettext(
            "%(kinds)s; paling besar %(megabytes)s MB per berkas, paling banyak %(count)s berkas."
        ) % {"kinds": ALLOWED_TEXT, "megabytes": MAX_MEGABYTES, "count": MAX_FILES}
        for name, field in self.fields.items():
            field.error_messages["required"] = gettext("%(field)s wajib diisi.") % {"field": field.label}
            if name in limits:
                field.max_length = limits[name]
                field.widget.attrs["maxlength"] = limits[name]
                too_long = gettext("%(field)s terlalu panjang (paling banyak %(limit)s huruf).")
                field.validators.append(
                    MaxLengthValidator(limits[name], too_long % {"field": field.label, "limit": limits[name]})
                )
        if removable:
            self.fields["remove_attachments"] = ChoicesByIdField(
                removable, required=False, widget=forms.CheckboxSelectMultiple, label=gettext("Hapus lampiran")
            )

    def clean(self):
        cleaned = super().clean()
        for name in ["title", "problem", "action", "results"]:
            if name in cleaned and not cleaned[name] and name not in self.errors:
                message = gettext("%(field)s tidak boleh hanya berisi kode atau tag.")
                self.add_error(name, message % {"field": self.fields[name].label})
        aspect, indicators = cleaned.get("aspect"), cleaned.get("indicators")
        if aspect and indicators:
            strays = [indicator.code for indicator in indicators if indicator.aspect_id != aspect.pk]
            if strays:
                message = gettext("Indikator %(codes)s bukan bagian aspek %(aspect)s.")
                self.add_error("indicators", message % {"codes": ", ".join(strays), "aspect": aspect})
        return cleaned


class CommentForm(forms.Form):
    kind = forms.ChoiceField(choices=Comment.KIND_CHOICES, initial=Comment.QUESTION, label=_("Jenis"), required=False)
    body = forms.CharField(
        label=_("Tulis pertanyaan atau komentar"),
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_LIMIT}),
        error_messages={
            "required": _("Komentar masih kosong."),
            "max_length": _("Komentar terlalu panjang (paling banyak %(limit_value)d huruf)."),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_body(self):
        body = plain_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(gettext("Komentar tidak boleh hanya berisi kode atau tag."))
        return body


GUIDANCE_LIMIT = 4000
GUIDANCE_MINIMUM = 30


class GuidanceProposalForm(forms.Form):
    """A member's text for one unwritten section of an indicator page. Plain text only: markup is refused with the
    text kept in the box (rather than silently stripped), so the member sees exactly what editors will read."""

    section = forms.ChoiceField(
        label=_("Bagian yang Anda tulis"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih bagian yang Anda tulis."),
            "invalid_choice": _("Bagian itu sudah berisi panduan atau tidak ada; pilih bagian yang masih kosong."),
        },
    )
    text = forms.CharField(
        label=_("Usulan panduan"),
        max_length=GUIDANCE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": GUIDANCE_LIMIT}),
        error_messages={
            "required": _("Usulan panduan masih kosong."),
            "max_length": _("Usulan terlalu panjang: paling banyak %(limit_value)d huruf, kini %(show_value)d."),
        },
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        sections = page.missing_sections
        self.fields["section"].choices = [(section.field, section.title) for section in sections]
        if len(sections) == 1:
            self.fields["section"].initial = sections[0].field
        self.fields["text"].help_text = gettext(
            "Teks biasa, paling banyak %(limit)s huruf; baris kosong memisahkan paragraf. Editor KASN meninjaunya "
            "sebelum terbit, dengan nama dan instansi Anda sebagai penyumbang."
        ) % {"limit": GUIDANCE_LIMIT}

    def clean_text(self):
        typed = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if plain_text(typed) != typed:
            raise forms.ValidationError(
                _(
                    "Usulan memuat tag HTML atau kode (mis. <b>, <a href>). Tulis sebagai teks biasa; isian Anda "
                    "tetap ada."
                )
            )
        if len(typed) < GUIDANCE_MINIMUM:
            raise forms.ValidationError(
                gettext(
                    "Usulan terlalu pendek: tulis paling sedikit %(minimum)s huruf agar berguna bagi instansi lain."
                )
                % {"minimum": GUIDANCE_MINIMUM}
            )
        return typed
