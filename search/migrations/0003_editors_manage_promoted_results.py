"""Wagtail's "Editors" group may add, change and delete promoted search results, and so reads the search-terms
report (`search.reports.PERMISSION`), which tells them what to promote: editors, not only superusers, curate search.

The permissions are made here when they do not exist yet (Django creates model permissions only after every
migration has run), as Wagtail's own migrations do for its groups. A missing "Editors" group is left missing.
Reversing takes the three permissions away from the group again."""

from django.db import migrations

CODENAMES = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]
GROUP = "Editors"


def _permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailsearchpromotions", model="searchpromotion")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} search promotion"},
        )[0]
        for codename in CODENAMES
    ]


def grant(apps, schema_editor):
    group = apps.get_model("auth.Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth.Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_documents"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        # Creates Wagtail's "Editors" group.
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
