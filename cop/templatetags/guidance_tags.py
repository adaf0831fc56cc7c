"""`{% guidance_proposal page %}`: the box under an indicator page's unwritten sections where a member proposes
guidance for one of them, or the sign-in link for a visitor."""

from django import template

from cop.forms import GuidanceProposalForm

register = template.Library()


@register.inclusion_tag("cop/includes/guidance_proposal.html", takes_context=True)
def guidance_proposal(context, page):
    """A refused proposal comes back as `proposal_form` (cop/views/guidance.py), with what was typed; anonymous
    visitors get no form, so the cached public page holds no form state."""
    request = context["request"]
    user = request.user
    form = context.get("proposal_form")
    if form is None and user.is_authenticated:
        form = GuidanceProposalForm(page=page)
    return {"request": request, "user": user, "page": page, "form": form, "csrf_token": context.get("csrf_token")}
