"""The editorial workflow: an editor reviews a submitted page, then a reviewer approves it for publication.

Built from Wagtail's own models, following Wagtail's 0048_add_default_workflows. The workflow
"Editor → Reviewer" replaces Wagtail's default "Moderators approval" on the root page, so it covers every
page (the seed importer creates the Meritopedia pages after migrations). The default workflow is deactivated,
not deleted; pages already in moderation under it finish there. Running it again changes nothing.

Reversing points the root page back at "Moderators approval" and deactivates "Editor → Reviewer"; the
"Reviewer" group stays, with its members, as Wagtail's own migrations leave the groups they create.
"""

from django.db import migrations

WORKFLOW_NAME = "Editor → Reviewer"
DEFAULT_WORKFLOW_NAME = "Moderators approval"
STEPS = [("Tinjauan editor", "Editors"), ("Persetujuan reviewer", "Reviewer")]
# What Wagtail's migrations give "Moderators" on the root page.
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def create_editorial_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    root = Page.objects.get(depth=1)
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")

    reviewers, _ = Group.objects.get_or_create(name="Reviewer")
    reviewers.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in REVIEWER_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        GroupPagePermission.objects.get_or_create(group=reviewers, page=root, permission=permission)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow, _ = Workflow.objects.update_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for sort_order, (task_name, group_name) in enumerate(STEPS):
        task, _ = GroupApprovalTask.objects.update_or_create(
            name=task_name, defaults={"content_type": task_type, "active": True}
        )
        task.groups.set([Group.objects.get(name=group_name)])
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": sort_order})

    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME).update(active=False)


def restore_default_workflow(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    root = Page.objects.get(depth=1)
    default = Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME).first()
    if default:
        Workflow.objects.filter(pk=default.pk).update(active=True)
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": default})
    else:
        WorkflowPage.objects.filter(page=root, workflow__name=WORKFLOW_NAME).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_secipage"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        # Creates the "access_admin" permission the Reviewer group needs.
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(create_editorial_workflow, restore_default_workflow),
    ]
