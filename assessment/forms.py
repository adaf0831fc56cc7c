"""The forms of the penilaian mandiri. Each indicator's answer is its own small form, so a save touches one
answer and a mistake in one never discards what was typed in another."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cop.forms import PlainTextFields
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
    plain_text_fields = ("action", "output_target", "outcome_target")

    class Meta:
        model = ActionItem
        fields = ["indicator", "action", "output_target", "outcome_target", "owner", "due_date", "status"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}
