"""Members proposing guidance for an indicator page's unwritten sections; KASN's editors decide in the admin
(`cop.wagtail_hooks`)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from meritopedia.models import IndicatorPage
from portal.ratelimit import allow

from ..forms import GuidanceProposalForm
from ..guidance_proposals import GuidanceProposal

PROPOSALS_PER_HOUR = 5
FORM_ANCHOR = "#usulan-panduan"


def _refused(request, page, form, status):
    """The indicator page again, its proposal box holding what was typed with the errors beside it and in the
    summary: nothing typed is lost, and the reader still has the clause beside the box."""
    context = page.get_context(request)
    context["proposal_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def propose(request, page_id):
    """POST `/panduan/<page>/usulan/`: a member's proposal for one section, pending until an editor decides."""
    page = get_object_or_404(IndicatorPage.objects.live().public(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{page.url}{FORM_ANCHOR}")
    if request.method != "POST":
        return redirect(f"{page.url}{FORM_ANCHOR}")
    form = GuidanceProposalForm(request.POST, page=page)
    if not form.is_valid():
        return _refused(request, page, form, status=400)
    section = form.cleaned_data["section"]
    already = GuidanceProposal.objects.filter(
        page=page, section=section, author=request.user, status=GuidanceProposal.PENDING
    )
    if already.exists():
        form.add_error(
            "section",
            gettext(
                "Anda sudah mengusulkan panduan untuk bagian ini; tunggu keputusan editor (lihat Kontribusi saya)."
            ),
        )
        return _refused(request, page, form, status=400)
    if not allow(request, "guidance", PROPOSALS_PER_HOUR, 3600):
        form.add_error(
            None,
            gettext(
                "Terlalu banyak usulan dalam waktu singkat. Tunggu sebentar lalu kirim lagi; isian Anda masih di sini."
            ),
        )
        return _refused(request, page, form, status=429)
    GuidanceProposal.objects.create(page=page, section=section, text=form.cleaned_data["text"], author=request.user)
    messages.success(
        request,
        gettext("Terima kasih! Usulan Anda menunggu tinjauan editor KASN; statusnya ada di Kontribusi saya."),
    )
    return redirect(f"{page.url}{FORM_ANCHOR}")
