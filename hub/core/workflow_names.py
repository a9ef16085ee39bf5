"""Workflow and task names in the reader's language.

Wagtail keeps one name per workflow and task and shows it as stored: on the submit button, in the status panel,
on the dashboard, in reports and in emails. The site's moderation workflow and its task are named by a msgid below
and stored in the site's default language; a workflow or task loaded with that name in any of the site's languages
carries its translation in the language active when it is loaded (the admin user's, in the admin), so each reader
sees it in their own language. Names an administrator makes up are shown as typed.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_init, post_save, pre_save
from django.utils import translation
from django.utils.translation import gettext_noop
from wagtail.models import Task, Workflow

NAMES = [gettext_noop("Moderators approval")]


def msgid_for(name):
    """The msgid of which `name` is the msgid itself or a translation, or None."""
    for msgid in NAMES:
        if name == msgid:
            return msgid
        for code, _label in settings.LANGUAGES:
            with translation.override(code):
                if translation.gettext(msgid) == name:
                    return msgid
    return None


def translate_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    msgid = msgid_for(name) if name else None
    if msgid:
        instance.name = translation.gettext(msgid)


def store_in_default_language(sender, instance, **kwargs):
    msgid = msgid_for(instance.name)
    if msgid:
        with translation.override(settings.LANGUAGE_CODE):
            instance.name = translation.gettext(msgid)


def connect_signals():
    for model in apps.get_models():
        if issubclass(model, (Workflow, Task)):
            post_init.connect(translate_name, sender=model)
            pre_save.connect(store_in_default_language, sender=model)
            post_save.connect(translate_name, sender=model)
