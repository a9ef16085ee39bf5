"""Where uploaded files live, so that nothing private has a public URL.

A collection with a view restriction (on itself or above) is private: the unmoderated story images, documents for
signed-in users. The files of its images, their renditions and its documents are stored under names beginning
with `private/`, which `MediaStorage` keeps apart from the public files: in PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT
(or under `private/` in the bucket), so that a web server serving /media/ cannot reach them whatever their names.
Their URL is an admin view that checks the user's rights. A file moves when its collection becomes private or
public, and the renditions of a moved image are made again in the new place.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from wagtail.models import Collection, CollectionViewRestriction

PRIVATE = "private/"
# The folders of MEDIA_ROOT that hold public files: original images, renditions, documents and the handbook's PDFs.
PUBLIC_FOLDERS = ("original_images/", "images/", "documents/", "kasikirja/")


def is_private(name):
    return str(name).startswith(PRIVATE)


@deconstructible(path="hub.core.media.MediaStorage")
class MediaStorage(Storage):
    """The default storage: names under `private/` go to the private backend, all others to the public one.

    `public` and `private` are storage settings ({"BACKEND": …, "OPTIONS": …}); by default the public files are in
    MEDIA_ROOT, served at MEDIA_URL, and the private ones in PRIVATE_MEDIA_ROOT, which has no URL.
    """

    def __init__(self, public=None, private=None):
        self.public_settings = public
        self.private_settings = private

    @cached_property
    def public(self):
        return storages.create_storage(self.public_settings) if self.public_settings else FileSystemStorage()

    @cached_property
    def private(self):
        if self.private_settings:
            return storages.create_storage(self.private_settings)
        return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)

    def _route(self, name):
        name = str(name)
        if is_private(name):
            return self.private, name.removeprefix(PRIVATE), PRIVATE
        return self.public, name, ""

    def _open(self, name, mode="rb"):
        backend, inner, _prefix = self._route(name)
        return backend.open(inner, mode)

    def _save(self, name, content):
        backend, inner, prefix = self._route(name)
        return prefix + backend.save(inner, content)

    def delete(self, name):
        backend, inner, _prefix = self._route(name)
        backend.delete(inner)

    def exists(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.exists(inner)

    def listdir(self, path):
        """The storage's top folder lists `private` beside the public folders, so a walk of it sees every file."""
        path = str(path).strip("/")
        if not path:
            folders, files = self.public.listdir("")
            return [*(folder for folder in folders if folder != PRIVATE.rstrip("/")), PRIVATE.rstrip("/")], files
        backend, inner, _prefix = self._route(path + "/")
        return backend.listdir(inner.rstrip("/"))

    def size(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.size(inner)

    def path(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.path(inner)

    def url(self, name):
        if is_private(name):
            return reverse("private_media", args=[str(name).removeprefix(PRIVATE)])
        return self.public.url(name)

    def get_accessed_time(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.get_accessed_time(inner)

    def get_created_time(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.get_created_time(inner)

    def get_modified_time(self, name):
        backend, inner, _prefix = self._route(name)
        return backend.get_modified_time(inner)


def restricted_collection_paths():
    """The tree paths of collections with a view restriction: they and every collection below them are private."""
    return list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def is_private_collection(collection, restricted=None):
    restricted = restricted_collection_paths() if restricted is None else restricted
    return any(collection.path.startswith(path) for path in restricted)


def public_collections():
    """Collections without a view restriction on themselves or above: all the public may see of images and documents."""
    hidden = Q()
    for path in restricted_collection_paths():
        hidden |= Q(path__startswith=path)
    return Collection.objects.exclude(hidden) if hidden else Collection.objects.all()


def name_for_collection(name, collection):
    """A new file's stored name: under `private/` when its collection is private."""
    return PRIVATE + name if collection is not None and is_private_collection(collection) else name


def place_file(item, restricted=None):
    """Moves the file of an image or document so that it is private exactly when its collection is.

    The old file is deleted once the move is committed; an image's renditions are deleted, to be made again in the
    new place. Returns whether the file moved.
    """
    name = item.file.name
    private = is_private_collection(item.collection, restricted)
    if not name or is_private(name) == private:
        return False
    storage = item.file.storage
    with storage.open(name) as handle:
        moved = storage.save(PRIVATE + name if private else name.removeprefix(PRIVATE), handle)
    type(item).objects.filter(pk=item.pk).update(file=moved)
    item.file.name = moved
    transaction.on_commit(lambda: storage.delete(name))
    if hasattr(item, "renditions"):
        for rendition in item.renditions.all():
            rendition.delete()
    return True


def place_collection_files(collection):
    """Moves the files of every image and document in `collection` and below to match their collection's privacy."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    restricted = restricted_collection_paths()
    collections = Collection.objects.filter(path__startswith=collection.path)
    for model in (get_image_model(), get_document_model()):
        for item in model.objects.filter(collection__in=collections).select_related("collection"):
            place_file(item, restricted)


def _file_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        place_file(instance)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if not raw and collection is not None:
        place_collection_files(collection)


def connect_signals():
    """Keeps files in place when an image or document is saved and when a collection's restriction changes."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    for model in (get_image_model(), get_document_model()):
        post_save.connect(_file_saved, sender=model, dispatch_uid=f"place_file_{model._meta.label}")
    post_save.connect(_restriction_changed, sender=CollectionViewRestriction, dispatch_uid="place_restricted_files")
    post_delete.connect(_restriction_changed, sender=CollectionViewRestriction, dispatch_uid="place_released_files")
