"""Editors add and change the taxonomy terms; a term's slug may be left empty and is then made from its name.

The permissions are created here when they don't exist yet, since Django creates them only after all migrations.
"""

from django.db import migrations, models

TAXONOMIES = ("partnertype", "region", "municipality", "servicetype", "fundingsource", "employmentform")
ACTIONS = ("add", "change")


def editors_manage_taxonomies(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _created = Group.objects.get_or_create(name="Editors")
    for model_name in TAXONOMIES:
        verbose_name = str(apps.get_model("core", model_name)._meta.verbose_name)
        content_type, _created = ContentType.objects.get_or_create(app_label="core", model=model_name)
        for action in ACTIONS:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model_name}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            editors.permissions.add(permission)


def editors_stop_managing_taxonomies(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model_name}" for model_name in TAXONOMIES for action in ACTIONS]
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(*Permission.objects.filter(content_type__app_label="core", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_site_settings_data_controller"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="employmentform",
            name="slug",
            field=models.SlugField(blank=True, help_text="Filled in from the name when left empty.", max_length=80),
        ),
        migrations.AlterField(
            model_name="fundingsource",
            name="slug",
            field=models.SlugField(blank=True, help_text="Filled in from the name when left empty.", max_length=80),
        ),
        migrations.AlterField(
            model_name="municipality",
            name="slug",
            field=models.SlugField(blank=True, help_text="Filled in from the name when left empty.", max_length=80),
        ),
        migrations.AlterField(
            model_name="partnertype",
            name="slug",
            field=models.SlugField(blank=True, help_text="Filled in from the name when left empty.", max_length=80),
        ),
        migrations.AlterField(
            model_name="region",
            name="slug",
            field=models.SlugField(blank=True, help_text="Filled in from the name when left empty.", max_length=80),
        ),
        migrations.AlterField(
            model_name="servicetype",
            name="slug",
            field=models.SlugField(blank=True, help_text="Filled in from the name when left empty.", max_length=80),
        ),
        migrations.RunPython(editors_manage_taxonomies, editors_stop_managing_taxonomies),
    ]
