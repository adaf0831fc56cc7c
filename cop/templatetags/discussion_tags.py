"""`{% discussion page %}`: the thread under a practice, an indicator page or an event, with its forms."""

from django import template

from cop.discussion import Comment, can_moderate
from cop.forms import CommentForm

register = template.Library()


@register.inclusion_tag("cop/includes/discussion.html", takes_context=True)
def discussion(context, page):
    request = context["request"]
    user = request.user
    return {
        "request": request,
        "user": user,
        "page": page,
        "thread": Comment.thread(page),
        "form": CommentForm(),
        "can_moderate": can_moderate(user),
        "csrf_token": context.get("csrf_token"),
    }
