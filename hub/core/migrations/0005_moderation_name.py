"""Wagtail names its default workflow and task "Moderators approval"; moderators read the name in their emails."""

from django.db import migrations

ENGLISH = "Moderators approval"
FINNISH = "Moderaattorien hyväksyntä"


def rename(apps, old, new):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_roles")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, ENGLISH, FINNISH),
            lambda apps, schema_editor: rename(apps, FINNISH, ENGLISH),
        )
    ]
