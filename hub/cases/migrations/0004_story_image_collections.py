"""The collections of story images: "Moderoimattomat tarinakuvat", private (a login view restriction), holds the
images sent with stories until a moderator publishes the story; then they move to "Tarinat", which is public."""

from django.db import migrations

UNMODERATED = "Moderoimattomat tarinakuvat"
PUBLISHED = "Tarinat"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def child_path(parent, Collection):
    """The tree path of a new last child of `parent`, as treebeard makes it (base 36, four characters a step)."""
    last = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-STEP:], 36) + 1 if last else 1
    key = ""
    while number:
        number, digit = divmod(number, 36)
        key = ALPHABET[digit] + key
    return parent.path + key.rjust(STEP, "0")


def top_collection(Collection, root, name):
    collection = Collection.objects.filter(name=name, depth=2).first()
    if collection is None:
        collection = Collection.objects.create(name=name, path=child_path(root, Collection), depth=2, numchild=0)
        root.numchild += 1
        root.save(update_fields=["numchild"])
    return collection


def create_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    unmoderated = top_collection(Collection, root, UNMODERATED)
    if not CollectionViewRestriction.objects.filter(collection=unmoderated).exists():
        CollectionViewRestriction.objects.create(collection=unmoderated, restriction_type="login")
    top_collection(Collection, root, PUBLISHED)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_submitted_at"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
    ]

    operations = [migrations.RunPython(create_collections, migrations.RunPython.noop)]
