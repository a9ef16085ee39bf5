"""Nothing half-stored: a submission's rows and files are kept together or not at all.

`stored_together()` runs a block in a transaction; a file written for a new row inside it is deleted again when the
transaction does not commit. Files left behind anyway, by a worker killed between writing a file and committing its
row, are removed by `remove_orphan_files()`, which the scheduler runs daily.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.utils import timezone

from .media import PRIVATE
from .uploads import delete_files_older_than, remove_expired_held_images

logger = logging.getLogger(__name__)

_new_files = ContextVar("new_files", default=None)


def _note_new_files(sender, instance, raw=False, **kwargs):
    pending = _new_files.get()
    if pending is None or raw:
        return
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField):
            file = getattr(instance, field.attname)
            if file and not file._committed:
                pending.append(file)  # written by the field just after this signal


pre_save.connect(_note_new_files, dispatch_uid="hub.core.storing.new_files")


@contextmanager
def stored_together():
    """A transaction whose newly written files are deleted when it fails; an error after the commit is only logged."""
    pending, committed = [], []
    reset = _new_files.set(pending)
    try:
        with transaction.atomic():
            transaction.on_commit(lambda: committed.append(True))
            yield
    except Exception:
        if committed:
            logger.exception("A submission was stored, but work after storing it failed.")
            return
        for file in pending:
            if file._committed and file.name:
                try:
                    file.storage.delete(file.name)
                except Exception:
                    logger.exception("Could not delete a file of a submission that was not stored.")
        raise
    finally:
        _new_files.reset(reset)


# Folders of the files that rows of the database own: images, their renditions, documents and the handbook's PDFs.
OWNED_FOLDERS = ["original_images", "images", "documents", "kasikirja"]
ORPHAN_AGE = timedelta(days=1)


def referenced_files():
    """The storage names of every file a row of the database refers to."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True))
    return names


def _files_under(folder):
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for child in folders:
        yield from _files_under(f"{folder}/{child}")


def remove_orphan_files(now=None):
    """Deletes files in the owned folders that no row refers to and that are older than a day (a younger one may
    belong to a transaction still running), and expired held images; returns how many were deleted."""
    cutoff = (now or timezone.now()) - ORPHAN_AGE
    referenced = referenced_files()
    folders = OWNED_FOLDERS + [PRIVATE + folder for folder in OWNED_FOLDERS]
    orphans = (name for folder in folders for name in _files_under(folder) if name not in referenced)
    return remove_expired_held_images(now) + delete_files_older_than(orphans, cutoff)
