"""Editors keep the calculator's figures. The permission is created here when it does not exist yet, since Django
creates permissions only after all migrations."""

from django.db import migrations


def editors_manage_figures(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _created = Group.objects.get_or_create(name="Editors")
    content_type, _created = ContentType.objects.get_or_create(app_label="savings", model="savingssettings")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_savingssettings",
        defaults={"name": "Can change savings calculator figures"},
    )
    editors.permissions.add(permission)


def editors_stop_managing_figures(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="savings", codename="change_savingssettings")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("savings", "0001_initial"),
        ("core", "0004_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(editors_manage_figures, editors_stop_managing_figures)]
