"""The site's roles: Editors (who publish), Moderators (who approve stories) and Association contributors.

Wagtail's own migrations create Editors and Moderators and the "Moderators approval" workflow on the root
page; this adds publishing for Editors and the Association contributors group. Contributors get their rights
on the case-study section from `manage.py setup_roles` once the content is loaded, since that section is content.
"""

from django.db import migrations

ROLES = ("Editors", "Moderators", "Association contributors")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name in ROLES:
        groups[name], _created = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(access_admin)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in ("add_page", "change_page", "publish_page"):
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=groups["Editors"], page=root, permission=permission)


def remove_contributors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Association contributors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_taxonomies"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
    ]

    operations = [migrations.RunPython(create_roles, remove_contributors)]
