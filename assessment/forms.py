"""The forms of the penilaian mandiri. Each indicator's answer is its own small form, so a save touches one
answer and a mistake in one never discards what was typed in another."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cop.forms import CheckedFileInput, PlainTextFields
from cop.uploads import ALLOWED_TEXT, MAX_BYTES, check_attachment

from .action_plan import ActionItem
from .assessments import Answer
from .teams import WORKING_GROUP_CHOICES

NARRATIVE_MAX = 5000
FINDING_MAX = 3000


class LevelField(forms.ChoiceField):
    """A level of the indicator's own scale, offered from the prefetched levels (no query per form)."""

    def __init__(self, levels, **kwargs):
        self.levels = {str(level.pk): level for level in levels}
        choices = [(pk, level) for pk, level in self.levels.items()]
        super().__init__(choices=choices, widget=forms.RadioSelect, required=False, **kwargs)
        self.error_messages["invalid_choice"] = _(
            "Nilai yang dipilih tidak ada pada skala indikator ini. Pilih salah satu tingkat yang tersedia."
        )

    def clean(self, value):
        value = super().clean(value)
        return self.levels.get(value) if value else None


def _prefix(indicator) -> str:
    return "i" + indicator.code.replace(".", "_")


class AnswerForm(PlainTextFields, forms.Form):
    plain_text_fields = ("narrative", "evidence_title")

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    narrative = forms.CharField(
        label=_("Uraian pemenuhan"),
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Apa yang sudah dilakukan instansi untuk indikator ini, dan di mana buktinya."),
    )
    progress = forms.ChoiceField(label=_("Kemajuan"), choices=Answer.PROGRESS_CHOICES)
    evidence_file = forms.FileField(
        label=_("Tambah berkas bukti"),
        required=False,
        widget=CheckedFileInput,
        help_text=_("%(kinds)s, paling besar %(mb)s MB.") % {"kinds": ALLOWED_TEXT, "mb": MAX_BYTES // (1024 * 1024)},
    )
    evidence_url = forms.URLField(label=_("atau tautan bukti"), required=False, max_length=500, assume_scheme="https")
    evidence_title = forms.CharField(label=_("Keterangan bukti"), required=False, max_length=200)

    def __init__(self, *args, answer: Answer, **kwargs):
        self.answer = answer
        kwargs.setdefault("prefix", _prefix(answer.indicator))
        if "data" not in kwargs and not args:
            kwargs["initial"] = {
                "lock_version": answer.lock_version,
                "narrative": answer.narrative,
                "progress": answer.progress,
                "level": str(answer.level_id) if answer.level_id else "",
            }
        super().__init__(*args, **kwargs)
        self.fields["level"] = LevelField(answer.indicator.levels.all(), label=_("Nilai mandiri"))
        self.order_fields(["level", "narrative", "progress"])

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            check_attachment(upload)  # raises the Indonesian message naming the file
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("progress") == Answer.SIAP and not cleaned.get("level"):
            self.add_error("level", _("Pilih nilai sebelum menandai indikator siap."))
        return cleaned


class ReviewForm(PlainTextFields, forms.Form):
    plain_text_fields = ("finding",)

    review_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    finding = forms.CharField(
        label=_("Temuan"), required=False, max_length=FINDING_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    needs_revision = forms.BooleanField(label=_("Minta tim memperbaiki indikator ini"), required=False)

    def __init__(self, *args, answer: Answer, review=None, **kwargs):
        self.answer = answer
        kwargs.setdefault("prefix", "v" + _prefix(answer.indicator))
        if "data" not in kwargs and not args and review is not None:
            kwargs["initial"] = {
                "review_version": review.lock_version,
                "finding": review.finding,
                "needs_revision": review.needs_revision,
                "level": str(review.level_id) if review.level_id else "",
            }
        super().__init__(*args, **kwargs)
        self.fields["level"] = LevelField(answer.indicator.levels.all(), label=_("Nilai verifikasi"))
        self.order_fields(["level", "finding", "needs_revision"])


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email anggota"), max_length=254)
    working_group = forms.ChoiceField(label=_("Kelompok kerja"), choices=WORKING_GROUP_CHOICES)


class ActionItemForm(PlainTextFields, forms.ModelForm):
    """One item of the rencana aksi. Its indicators are the assessment's rubric version's and its owners the team's
    members, from lists the view reads once: a forged or stale value is refused as a choice, never looked up."""

    plain_text_fields = ("action", "output_target", "outcome_target")

    indicator = forms.ChoiceField(label=_("Indikator"), required=False)
    owner = forms.ChoiceField(label=_("Penanggung jawab"), help_text=_("Hanya anggota tim penilaian mandiri."))

    class Meta:
        model = ActionItem
        fields = ["indicator", "action", "output_target", "outcome_target", "owner", "due_date", "status"]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "action": _("Apa yang akan dikerjakan tim, dalam satu kalimat."),
            "output_target": _("Hasil langsung yang dapat ditunjukkan, misalnya dokumen yang ditetapkan."),
            "outcome_target": _("Perubahan yang diharapkan, misalnya nilai indikator yang naik."),
        }
        error_messages = {
            "action": {
                "required": _("Tuliskan aksi yang akan dilakukan."),
                "max_length": _("Aksi paling banyak %(limit_value)d karakter; yang terkirim %(show_value)d karakter."),
            },
            "output_target": {
                "max_length": _(
                    "Target keluaran paling banyak %(limit_value)d karakter; yang terkirim %(show_value)d karakter."
                ),
            },
            "outcome_target": {
                "max_length": _(
                    "Target hasil paling banyak %(limit_value)d karakter; yang terkirim %(show_value)d karakter."
                ),
            },
            "due_date": {
                "required": _("Isi tenggat rencana aksi."),
                "invalid": _("Tanggal tenggat tidak dikenali. Gunakan tahun-bulan-tanggal, misalnya 2025-06-30."),
            },
            "status": {
                "required": _("Pilih status rencana aksi."),
                "invalid_choice": _("Status yang dipilih tidak dikenal. Pilih Direncanakan, Berjalan atau Selesai."),
            },
        }

    def __init__(self, *args, indicators, members, today, **kwargs):
        """`indicators`: the version's indicators; `members`: (user, label) of the team; `today`: the local date."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.indicator_by_code = {indicator.code: indicator for indicator in indicators}
        self.owner_by_id = {str(user.pk): user for user, _label in members}
        field = self.fields["indicator"]
        field.choices = [("", _("— tidak terkait satu indikator —"))] + [
            (indicator.code, self.indicator_label(indicator)) for indicator in indicators
        ]
        field.error_messages["invalid_choice"] = _(
            "Indikator yang dipilih tidak ada pada rubrik penilaian ini. Pilih salah satu dari daftar."
        )
        field = self.fields["owner"]
        field.choices = [("", _("— pilih anggota tim —"))] + [(str(user.pk), label) for user, label in members]
        field.error_messages["required"] = _("Pilih penanggung jawab dari anggota tim.")
        field.error_messages["invalid_choice"] = _(
            "Penanggung jawab harus anggota tim penilaian mandiri instansi ini. Pilih salah satu dari daftar."
        )
        if self.instance.pk is None:
            self.fields["due_date"].widget.attrs["min"] = today.isoformat()
        if self.instance.pk and not self.is_bound:
            indicator = self.instance.indicator if self.instance.indicator_id else None
            self.initial["indicator"] = indicator.code if indicator else ""
            self.initial["owner"] = str(self.instance.owner_id or "")

    @staticmethod
    def indicator_label(indicator) -> str:
        words = indicator.clause.text.split()
        text = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        return f"{indicator.code} — {text}"

    def clean_indicator(self):
        code = self.cleaned_data.get("indicator")
        return self.indicator_by_code.get(code) if code else None

    def clean_owner(self):
        return self.owner_by_id.get(self.cleaned_data.get("owner"))

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        changed = self.instance.pk is None or due != self.instance.due_date
        if due and changed and due < self.today:
            raise forms.ValidationError(_("Tenggat tidak boleh sebelum hari ini."), code="past")
        return due

    def clean(self):
        cleaned = super().clean()
        if "action" in cleaned and not cleaned["action"]:  # only markup, removed as plain text
            self.add_error("action", self.fields["action"].error_messages["required"])
        return cleaned
