from django import template

from ..action_plan import ActionItem

register = template.Library()


@register.simple_tag
def action_progress(actions) -> dict:
    """`{% action_progress actions as progress %}`: the items counted per status (in the plan's order), the overdue
    ones and the share done, read from the list the page already has (no query)."""
    items = list(actions or ())
    counts = {code: 0 for code, _label in ActionItem.STATUS_CHOICES}
    overdue = 0
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
        overdue += item.is_overdue
    total = len(items)
    return {
        "rows": [(code, label, counts[code]) for code, label in ActionItem.STATUS_CHOICES],
        "overdue": overdue,
        "total": total,
        "done": counts[ActionItem.DONE],
        "done_percent": round(100 * counts[ActionItem.DONE] / total) if total else 0,
    }
