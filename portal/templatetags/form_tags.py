"""`{% error_summary form %}`: the box at the top of a refused form that lists every problem and links to its
field (the GOV.UK error summary), so a member who cannot see the red marks further down still finds them all."""

from django import template

register = template.Library()


def _target(field) -> str:
    """The id a summary link moves to: the input itself, or the first choice of a group of checkboxes or radios,
    which has no single input (Django gives such a field no `id_for_label`)."""
    if field.is_hidden:
        return ""
    if field.id_for_label:
        return field.id_for_label
    subwidgets = field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else ""


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form, shown=None):
    """The form's problems in the order of its fields, the form-wide ones first. `shown` names the fields the page
    really draws (a reply shows only its text box): an error of any other field is listed without a link."""
    if not form:  # a form element without a Django form (allauth's log-out button)
        return {"items": []}
    items = [("", error) for error in form.non_field_errors()]
    for field in form:
        drawn = shown is None or field.name in shown.split()
        target = _target(field) if drawn else ""
        items.extend((f"#{target}" if target else "", error) for error in field.errors)
    prefix = getattr(form, "prefix", None)
    return {"items": items, "heading_id": f"masalah-{prefix}" if prefix else "masalah"}
