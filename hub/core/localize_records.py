"""Pages loaded from sv/en files recorded as wagtail-localize translations of their Finnish pages.

The loader writes each language's page from its own file. Recording a translation source for the Finnish page, a
translation per language and each Finnish string's translation (read from the translated page, string by string
in the same order) gives editors what a translation made in the admin has: the translation editor, "Sync
translated pages", and after a Finnish edit exactly the changed strings marked untranslated.
"""

import re
import uuid

from django.db import transaction
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

# StreamField blocks have their own ids in each language's page; the shapes of two pages compare without them.
BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


BLOCK_NAMESPACE = uuid.UUID("0b3c8f6e-6a57-4d0e-9a8e-3f5f1d2c7b41")


def _shape(path):
    return BLOCK_ID.sub("*", path)


def stable_block_ids(page):
    """Gives the blocks of a page written from a file ids that follow from their place in the page.

    A StreamField block gets a new random id each time a file is loaded, and its strings' translations are
    recorded under their block's id: stable ids keep the translations of the unchanged blocks when a Finnish file
    changes, and give each language's page the same ids.
    """
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            _assign_ids(getattr(page, field.name), f"{page.translation_key}/{field.name}")


def _assign_ids(value, place):
    if isinstance(value, StreamValue):
        children = [(f"{index}/{child.block_type}", child) for index, child in enumerate(value)]
    elif isinstance(value, ListValue):
        children = [(str(index), child) for index, child in enumerate(value.bound_blocks)]
    elif isinstance(value, StructValue):
        for name, child in value.items():
            _assign_ids(child, f"{place}/{name}")
        return
    else:
        return
    for position, child in children:
        child.id = str(uuid.uuid5(BLOCK_NAMESPACE, f"{place}/{position}"))
        _assign_ids(child.value, f"{place}/{position}")


@transaction.atomic
def record_translation(original, translated, *, refresh_source=True, record_strings=True):
    """Records `translated` as the wagtail-localize translation of `original`, with its strings.

    `refresh_source` takes the source from the Finnish page as it is now (as "Sync translated pages" does).
    `record_strings` takes the strings from `translated`: only when it has just been written from its own file (or
    is recorded for the first time), because an older translated page does not translate a newer Finnish text.
    Returns False, recording the translation without strings, when the two pages differ in shape (a paragraph or
    list item more in one language): the translation editor then shows those strings as untranslated.
    """
    if refresh_source:
        source, _created = TranslationSource.update_or_create_from_instance(original)
    else:
        source, _created = TranslationSource.get_or_create_from_instance(original)
    _translation, created = Translation.objects.get_or_create(source=source, target_locale_id=translated.locale_id)
    if not (record_strings or created):
        return True

    segments = list(StringSegment.objects.filter(source=source).order_by("order").select_related("string", "context"))
    stored = type(translated).objects.get(pk=translated.pk)  # as saved: struct blocks in their declared order
    values = [value for value in extract_segments(stored) if isinstance(value, StringSegmentValue)]
    if [_shape(segment.context.path) for segment in segments] != [_shape(value.path) for value in values]:
        return False

    existing = {
        (found.translation_of_id, found.context_id): found
        for found in StringTranslation.objects.filter(
            locale_id=translated.locale_id, context__in=[segment.context for segment in segments]
        )
    }
    for segment, value in zip(segments, values, strict=True):
        data = value.string.data
        found = existing.get((segment.string_id, segment.context_id))
        if found is None:
            existing[(segment.string_id, segment.context_id)] = StringTranslation.objects.create(
                translation_of=segment.string,
                locale_id=translated.locale_id,
                context=segment.context,
                data=data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
        elif found.data != data or found.has_error:
            found.data, found.has_error, found.field_error = data, False, ""
            found.save(update_fields=["data", "has_error", "field_error", "updated_at"])
    return True
