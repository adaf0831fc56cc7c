from django import forms

from meritopedia.models import Aspect
from portal.models import Instansi

from .members import MemberProfile


class MemberProfileForm(forms.ModelForm):
    instansi = forms.ModelChoiceField(
        Instansi.objects.all(), required=False, label="Instansi", empty_label="— pilih instansi —"
    )
    aspects = forms.ModelMultipleChoiceField(
        Aspect.objects.filter(version__is_current=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Aspek yang Anda tangani",
    )

    class Meta:
        model = MemberProfile
        fields = ["full_name", "instansi", "unit", "jabatan", "aspects", "in_directory"]
        error_messages = {"full_name": {"required": "Nama lengkap wajib diisi."}}
