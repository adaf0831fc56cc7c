from django import template

from cop.members import public_name as _public_name

register = template.Library()


@register.filter
def public_name(user) -> str:
    """`{{ user|public_name }}`: the name a member is shown by (cop.members.public_name)."""
    return _public_name(user) if user else ""
