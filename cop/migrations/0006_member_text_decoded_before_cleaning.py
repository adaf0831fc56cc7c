"""Member text stored before entities were decoded ahead of cleaning may hold `&lt;svg onload=…&gt;`, which
decodes to live markup; it is cleaned again with today's rule, in the pages, their revisions, comments and
profiles."""

from django.db import migrations

from portal.member_text import plain_text

PRACTICE_FIELDS = ("title", "problem", "action", "results", "lessons")
PROFILE_FIELDS = ("full_name", "unit", "jabatan")


def _clean_rows(model, fields):
    for row in model.objects.only("pk", *fields).iterator():
        changed = {name: plain_text(getattr(row, name)) for name in fields if getattr(row, name)}
        changed = {name: value for name, value in changed.items() if value != getattr(row, name)}
        if changed:
            model.objects.filter(pk=row.pk).update(**changed)


def clean_again(apps, schema_editor):
    _clean_rows(apps.get_model("cop", "GoodPracticePage"), PRACTICE_FIELDS)
    _clean_rows(apps.get_model("cop", "Comment"), ("body",))
    _clean_rows(apps.get_model("cop", "MemberProfile"), PROFILE_FIELDS)
    ContentType = apps.get_model("contenttypes", "ContentType")
    practice_type = ContentType.objects.filter(app_label="cop", model="goodpracticepage").first()
    if practice_type is None:
        return
    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type=practice_type).iterator():
        content = dict(revision.content)
        for name in PRACTICE_FIELDS:
            if isinstance(content.get(name), str):
                content[name] = plain_text(content[name])
        if content != revision.content:
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("cop", "0005_good_practices_discussion"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(clean_again, migrations.RunPython.noop)]
