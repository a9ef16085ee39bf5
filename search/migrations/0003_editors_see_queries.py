"""Editors read the search query log and manage search promotions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "search": ["view_searchqueryday"],
    "wagtailsearchpromotions": ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for label in GRANTS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for label, codenames in GRANTS.items():
        editors.permissions.add(*Permission.objects.filter(content_type__app_label=label, codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text"),
        ("core", "0004_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
