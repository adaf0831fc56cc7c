from django import template

from cop.members import greeting_name as _greeting_name
from cop.members import public_name as _public_name

register = template.Library()


@register.filter
def public_name(user) -> str:
    """`{{ user|public_name }}`: the name a member is shown by (cop.members.public_name)."""
    return _public_name(user) if user else ""


@register.filter
def greeting_name(user) -> str:
    """`{{ user|greeting_name }}`: the name an e-mail greets its recipient by (cop.members.greeting_name); "" for
    no account (a template's `user` may be the visitor's AnonymousUser)."""
    return _greeting_name(user) if getattr(user, "is_authenticated", False) else ""
