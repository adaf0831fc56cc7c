"""`{% discussion page %}`: the thread under a practice, an indicator page or an event, with its forms."""

from django import template
from django.utils.translation import gettext

from cop.discussion import Comment, can_moderate
from cop.forms import CommentForm

register = template.Library()


@register.inclusion_tag("cop/includes/discussion.html", takes_context=True)
def discussion(context, page):
    """A refused comment comes back as `comment_form` (cop/views/discussion.py): in the reply box of the question
    it answered, if that question is on the page, else in the comment box."""
    request = context["request"]
    user = request.user
    thread = Comment.thread(page)
    refused = context.get("comment_form")
    parent = str(refused.data.get("parent", "")) if refused is not None else ""
    reply_to = int(parent) if parent.isdigit() and any(item.pk == int(parent) for item in thread) else None
    if reply_to is not None:
        refused.fields["body"].label = gettext("Jawaban Anda")
    return {
        "request": request,
        "user": user,
        "page": page,
        "thread": thread,
        "form": refused if refused is not None and reply_to is None else CommentForm(),
        "reply_form": refused if reply_to is not None else None,
        "reply_to": reply_to,
        "can_moderate": can_moderate(user),
        "csrf_token": context.get("csrf_token"),
    }
