"""Images sent with a story are private until a moderator publishes the story.

They are stored in the collection "Moderoimattomat tarinakuvat", which has a view restriction: its files are kept
apart from the public media and the API does not list them (see hub/core/media.py). When the story is published,
the images it shows move to the public collection "Tarinat", and with them their files.
"""

from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.signals import page_published

UNMODERATED = "Moderoimattomat tarinakuvat"
PUBLISHED = "Tarinat"


def _top_collection(name):
    collection = Collection.objects.filter(name=name, depth=2).first()
    return collection or Collection.get_first_root_node().add_child(name=name)


def unmoderated_collection():
    """The private collection of images waiting for moderation; made, or made private again, when missing."""
    collection = _top_collection(UNMODERATED)
    if not collection.view_restrictions.exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def published_collection():
    return _top_collection(PUBLISHED)


def referenced_image_ids(page):
    """The ids of the images a page's StreamFields show."""
    image_model = get_image_model()
    ids = set()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for model, object_id, _model_path, _content_path in field.extract_references(getattr(page, field.name)):
                if issubclass(model, image_model):
                    ids.add(object_id)
    return ids


def publish_story_images(sender, instance, **kwargs):
    """Moves the unmoderated images a published story shows to the public collection."""
    images = get_image_model().objects.filter(
        pk__in=referenced_image_ids(instance), collection__name=UNMODERATED, collection__depth=2
    )
    if not images.exists():
        return
    public = published_collection()
    for image in images:
        image.collection = public
        image.save(update_fields=["collection"])


def connect_signals():
    from .models import CaseStudyPage

    page_published.connect(publish_story_images, sender=CaseStudyPage, dispatch_uid="publish_story_images")
