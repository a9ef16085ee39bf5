"""Erases personal data from a page and from every copy Wagtail and wagtail-localize keep of it.

A page's field is copied into its translations (as a synchronised field), into every revision of each of them, into
wagtail-localize's translation source, its overridable segments and their overrides, and may be quoted in log
entries. Erasing it from the page alone leaves it in all of those.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail.models import PageLogEntry, Revision
from wagtail.search import index
from wagtail_localize.models import OverridableSegment, SegmentOverride, StringTranslation, TranslationSource


def without_values(data, values):
    """`data` (decoded JSON) with every string equal to one of `values` blanked."""
    if isinstance(data, dict):
        return {key: without_values(item, values) for key, item in data.items()}
    if isinstance(data, list):
        return [without_values(item, values) for item in data]
    if isinstance(data, str) and data in values:
        return ""
    return data


def _scrub_json_text(objects, attribute, values):
    for obj in objects:
        old = json.loads(getattr(obj, attribute))
        new = without_values(old, values)
        if new != old:
            setattr(obj, attribute, json.dumps(new, cls=DjangoJSONEncoder))
            obj.save(update_fields=[attribute])


@transaction.atomic
def erase_page_fields(page, fields):
    """Blanks `fields` of `page`, of its translations and of every copy of their values; returns the pages changed."""
    model = type(page)
    pages = list(model.objects.filter(translation_key=page.translation_key))
    revisions = list(
        Revision.objects.filter(base_content_type=page.get_base_content_type()).filter(
            object_id__in=[str(each.pk) for each in pages]
        )
    )
    values = {getattr(each, name) for each in pages for name in fields}
    values |= {revision.content.get(name) for revision in revisions for name in fields}
    values = {value for value in values if isinstance(value, str) and value}
    blank = dict.fromkeys(fields, "")

    model.objects.filter(pk__in=[each.pk for each in pages]).update(**blank)
    for revision in revisions:
        content = without_values({**revision.content, **blank}, values)
        if content != revision.content:
            revision.content = content
            revision.save(update_fields=["content"])

    sources = list(TranslationSource.objects.filter(object_id=page.translation_key))
    for source in sources:
        content = without_values({**json.loads(source.content_json), **blank}, values)
        source.content_json = json.dumps(content, cls=DjangoJSONEncoder)
        source.save(update_fields=["content_json"])
    _scrub_json_text(OverridableSegment.objects.filter(source__in=sources), "data_json", values)
    _scrub_json_text(SegmentOverride.objects.filter(context__object_id=page.translation_key), "data_json", values)
    StringTranslation.objects.filter(context__object_id=page.translation_key, data__in=values).update(data="")

    for entry in PageLogEntry.objects.filter(page_id__in=[each.pk for each in pages]):
        data = without_values(entry.data, values)
        if data != entry.data:
            entry.data = data
            entry.save(update_fields=["data"])

    for each in model.objects.filter(pk__in=[each.pk for each in pages]):
        index.insert_or_update_object(each)
    return pages
