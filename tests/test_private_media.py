"""Private media: story images stay private until the story is published, restricted documents are refused to
anonymous visitors through every URL, and the production settings of `make serve` serve the public media."""

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import connection
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from hub.cases.images import store_image
from hub.cases.models import CaseStudyPage, CaseSubmissionPage
from hub.cases.story_images import PUBLISHED, UNMODERATED, unmoderated_collection
from hub.core.media import MediaStorage, public_collections

from .factories import UserFactory
from .test_case_submission import photo, story

MAKEFILE = Path(__file__).resolve().parent.parent / "Makefile"
NGINX_EXAMPLE = MAKEFILE.with_name("docs") / "nginx.conf"


@pytest.fixture
def submission_page(content):
    return CaseSubmissionPage.objects.get(locale__language_code="fi")


@pytest.fixture
def serve_media(settings):
    """The app serves the public media itself, as under `make serve`."""
    settings.SERVE_MEDIA = True


@pytest.fixture
def moderator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def listed(client, endpoint):
    """The ids an API endpoint lists, page by page."""
    ids, total = set(), 1
    while len(ids) < total:
        answer = client.get(f"{endpoint}/?limit=20&offset={len(ids)}").json()
        ids |= {item["id"] for item in answer["items"]}
        total = answer["meta"]["total_count"] if answer["items"] else 0
    return ids


def in_public_media(name):
    return (Path(settings.MEDIA_ROOT) / name.removeprefix("private/")).exists()


def sent_image(client, submission_page):
    client.post(submission_page.url, {**story(), "images-0-image": photo("tarina.jpg"), "images-0-alt": "Pihatöitä."})
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    return draft, draft.images[0].value["image"]


@pytest.mark.django_db
def test_an_image_sent_with_a_story_is_private_until_a_moderator_publishes_the_story(
    client, submission_page, serve_media, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft, image = sent_image(client, submission_page)
    assert image.collection.name == UNMODERATED and image.collection.get_view_restrictions().exists()
    assert image.file.name.startswith("private/original_images/")
    assert not in_public_media(image.file.name), "nothing under MEDIA_ROOT, whatever a web server serves there"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / image.file.name.removeprefix("private/")).exists()
    assert image.pk not in listed(client, "/api/v2/images")
    assert client.get(f"/api/v2/images/{image.pk}/", follow=True).status_code == 404
    basename = image.file.name.rsplit("/", 1)[-1]
    assert client.get(f"/media/original_images/{basename}").status_code == 404
    assert client.get(image.file.url).status_code == 302, "the file's own URL asks an anonymous visitor to sign in"

    client.force_login(moderator)
    preview = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert preview.status_code == 200
    source = re.search(r'<img src="([^"]+)"[^>]*alt="Pihatöitä\."', preview.content.decode()).group(1)
    assert source.startswith("/admin/private-media/images/"), "the draft's rendition is private too"
    shown = client.get(source)
    assert shown.status_code == 200 and Image.open(io.BytesIO(b"".join(shown.streaming_content))).format == "JPEG"
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200
    assert client.get(image.file.url).status_code == 200
    client.logout()
    assert client.get(source).status_code == 302
    assert client.get("/media/images/" + source.rsplit("/", 1)[-1]).status_code == 404
    private_files = [Path(settings.PRIVATE_MEDIA_ROOT) / name.removeprefix("private/") for name in [image.file.name]]

    with django_capture_on_commit_callbacks(execute=True):
        task_state = draft.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve")
    draft.refresh_from_db()
    image.refresh_from_db()
    assert draft.live and image.collection.name == PUBLISHED
    assert image.file.name.startswith("original_images/") and in_public_media(image.file.name)
    assert not any(path.exists() for path in private_files), "the private copy is gone"
    assert image.pk in listed(client, "/api/v2/images")
    assert client.get(image.file.url).status_code == 200
    page = client.get(draft.url).content.decode()
    source = re.search(r'<img src="([^"]+)"[^>]*alt="Pihatöitä\."', page).group(1)
    assert source.startswith("/media/images/")
    assert client.get(source).status_code == 200


@pytest.mark.django_db
def test_documents_of_a_restricted_collection_are_refused_to_anonymous_visitors_through_every_url(
    client, serve_media, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    board = root.add_child(name="Hallituksen asiakirjat")
    CollectionViewRestriction.objects.create(collection=board, restriction_type=CollectionViewRestriction.LOGIN)
    document_model = get_document_model()
    secret = document_model.objects.create(
        title="Pöytäkirja", file=ContentFile(b"salainen 31337", name="poytakirja.txt"), collection=board
    )
    leaflets = root.add_child(name="Esitteet")
    open_one = document_model.objects.create(
        title="Esite", file=ContentFile(b"julkinen", name="esite.txt"), collection=leaflets
    )
    assert secret.file.name.startswith("private/documents/") and not in_public_media(secret.file.name)
    for url in [
        secret.url,
        secret.file.url,
        "/media/documents/poytakirja.txt",
        f"/media/{secret.file.name}",
        f"/api/v2/documents/{secret.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 404), url
        assert b"31337" not in b"".join(getattr(response, "streaming_content", [response.content])), url
    assert secret.pk not in listed(client, "/api/v2/documents") and open_one.pk in listed(client, "/api/v2/documents")
    assert b"".join(client.get(open_one.url).streaming_content) == b"julkinen"
    assert client.get(f"/media/{open_one.file.name}").status_code == 200

    client.force_login(UserFactory())
    assert b"".join(client.get(secret.url).streaming_content) == b"salainen 31337", "signed in: served by Wagtail"
    client.logout()

    # Restricting a collection afterwards moves its documents' files out of the public media.
    public_name = open_one.file.name
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(collection=leaflets, restriction_type=CollectionViewRestriction.LOGIN)
    open_one.refresh_from_db()
    assert open_one.file.name == "private/" + public_name and not in_public_media(public_name)
    assert client.get(f"/media/{public_name}").status_code == 404
    assert open_one.pk not in listed(client, "/api/v2/documents")


@pytest.mark.django_db
def test_public_media_is_served_only_from_its_public_folders_and_only_when_asked(client, settings):
    image = get_image_model().objects.filter(collection__in=public_collections()).first()
    url = image.file.url
    settings.SERVE_MEDIA = False
    assert client.get(url).status_code == 404, "a real deployment's web server serves media"
    settings.SERVE_MEDIA = True
    assert client.get(url).status_code == 200
    (Path(settings.MEDIA_ROOT) / "held").mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "held" / "vanha.jpg").write_bytes(b"x")
    assert client.get("/media/held/vanha.jpg").status_code == 404
    assert client.get("/media/../db.sqlite3").status_code == 404


def test_s3_storage_keeps_private_files_behind_the_admin():
    backend = {"bucket_name": "kylatyollistaa", "endpoint_url": "https://s3.example", "querystring_auth": False}
    backend.update(access_key="avain", secret_key="salaisuus")
    storage = MediaStorage(
        public={"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": backend},
        private={"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**backend, "location": "private"}},
    )
    assert storage.url("original_images/a.jpg") == "https://s3.example/kylatyollistaa/original_images/a.jpg"
    assert storage.url("private/original_images/a.jpg") == "/admin/private-media/original_images/a.jpg"
    assert storage._route("private/original_images/a.jpg")[0].location == "private"


def test_the_nginx_example_is_valid_nginx(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        message = "nginx is not installed: run `make nginx-deps` as root."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    main = tmp_path / "nginx.conf"
    main.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{ access_log off; include {NGINX_EXAMPLE}; }}\n")
    result = subprocess.run(
        [nginx, "-t", "-q", "-e", "stderr", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    example = NGINX_EXAMPLE.read_text()
    assert "location /_files/private/ {\n        internal;" in example, "private files only through the app"
    assert "location /media/ {\n        return 404;" in example, "only the public media folders"


def make_serve_environment():
    """The environment `make serve` gives gunicorn, read from the Makefile, without its SECRET_KEY."""
    block = re.search(r"^SERVE_ENV = (.+?)\n(?!\t)", MAKEFILE.read_text(), re.S | re.M).group(1)
    return dict(re.findall(r"(\w+)=([^\s\"$]+)", block))


def database_environment():
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"SQLITE_PATH": database["NAME"]}
    user, host, port = database["USER"], database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    return {"DATABASE_URL": f"postgres://{user}@{host}:{port}/{database['NAME']}"}


def static_manifest(folder):
    """A manifest naming each static file as itself, so that production's storage renders pages (the 404 page)
    without a slow collectstatic; the files themselves are not needed here."""
    names = {path for finder in finders.get_finders() for path, _storage in finder.list([])}
    manifest = {"version": "1.1", "hash": "", "paths": {name: name for name in names}}
    (folder / "staticfiles.json").write_text(json.dumps(manifest))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.live
def test_make_serve_settings_serve_public_media_and_refuse_private_files(django_db_blocker, tmp_path):
    environment = make_serve_environment()
    assert environment["DJANGO_SETTINGS_MODULE"] == "hub.settings.production" and environment["SERVE_MEDIA"] == "1"
    document_model = get_document_model()
    with django_db_blocker.unblock():
        public_image = store_image("Kylätalo", "Kylätalo.", jpeg((200, 120, 40)), "kylatalo.jpg")
        rendition = public_image.get_rendition("width-800")
        leaflet = document_model.objects.create(title="Esite", file=ContentFile(b"julkinen", name="esite.txt"))
        board = Collection.get_first_root_node().add_child(name="Hallituksen asiakirjat")
        CollectionViewRestriction.objects.create(collection=board, restriction_type=CollectionViewRestriction.LOGIN)
        secret = document_model.objects.create(
            title="Pöytäkirja", file=ContentFile(b"salainen 31337", name="poytakirja.txt"), collection=board
        )
        story_image = store_image(
            "Tarina (1)", "Kuva.", jpeg((10, 120, 60)), "tarina-palvelin.jpg", unmoderated_collection()
        )
    static_manifest(tmp_path)
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [Path(sys.executable).with_name("gunicorn"), "hub.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env={
            **{name: value for name, value in os.environ.items() if name != "DATABASE_URL"},
            **environment,
            **database_environment(),
            "SECRET_KEY": "make-serve-test",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "STATIC_ROOT": str(tmp_path),
        },
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(200):
            try:
                requests.get(base + "/robots.txt", timeout=60)
                break
            except requests.ConnectionError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()[-2000:]
                time.sleep(0.1)

        def fetch(url):
            return requests.get(base + url, allow_redirects=False, timeout=30)

        with rendition.file.open("rb") as handle:
            assert fetch(rendition.url).content == handle.read()
        for url in [public_image.file.url, leaflet.url, f"/media/{leaflet.file.name}"]:
            response = fetch(url)
            assert response.status_code == 200 and response.content, url
        for url in [secret.url, secret.file.url, f"/media/{secret.file.name}", "/media/documents/poytakirja.txt"]:
            response = fetch(url)
            assert response.status_code in (302, 404) and b"31337" not in response.content, url
        name = story_image.file.name.rsplit("/", 1)[-1]
        for url in [story_image.file.url, f"/media/original_images/{name}", f"/media/{story_image.file.name}"]:
            assert fetch(url).status_code in (302, 404), url
        listed_images = listed(requests.Session(), base + "/api/v2/images")
        assert public_image.pk in listed_images and story_image.pk not in listed_images
    finally:
        server.send_signal(signal.SIGQUIT)
        server.wait(timeout=20)
        log.close()
        with django_db_blocker.unblock():
            for item in [public_image, leaflet, story_image, secret]:
                item.delete()
            board.view_restrictions.all().delete()
            board.delete()
