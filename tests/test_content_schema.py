"""Content files are checked against declared schemas, refused with the file, line and key named, and documented."""

import datetime

import pytest
import yaml

from hub.cases.models import CaseStudyPage
from hub.cases.schema import CaseFile
from hub.core.content_schema import SHARED, ContentError, schema_documents
from hub.core.facts import loaded_facts
from hub.feedback.schema import FormFile
from hub.partners.models import PartnerPage
from hub.partners.schema import PartnerFile
from hub.resources.models import ResourcePage
from hub.resources.schema import ResourceFile
from hub.updates.schema import UpdateFile


@pytest.mark.parametrize("document", schema_documents(), ids=lambda document: document.title)
def test_each_schema_md_is_written_from_its_schema(document):
    assert document.path.read_text(encoding="utf-8") == document.render(), (
        "run `manage.py write_content_schemas` and commit the SCHEMA.md files"
    )


def checked(schema, tmp_path, text, source=None, name="file.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return schema.check(yaml.safe_load(text), path, source)


UPDATE = "title: T\nslug: t\ndate: 2026-01-02\nbody: |\n  Text.\n"


def test_a_valid_file_is_returned_as_it_was_read(tmp_path):
    data = checked(UpdateFile, tmp_path, UPDATE)
    assert data == {"title": "T", "slug": "t", "date": datetime.date(2026, 1, 2), "body": "Text.\n"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("slug: t\ndate: 2026-01-02\n", r"file\.yaml:1: title: missing$"),
        ("title: ''\nslug: t\ndate: 2026-01-02\n", r"file\.yaml:1: title: is empty$"),
        ("title: T\nslug: t\ndate: 2.1.2026\n", r"file\.yaml:3: date: must be written as YYYY-MM-DD$"),
        (UPDATE + "kind: gossip\n", r"file\.yaml:6: kind: 'gossip' is not one of 'news' or 'handbook'$"),
        (UPDATE + "summery: S\n", r"file\.yaml:6: summery: is not a key this file may contain$"),
        ("title: T\nslug: Ä t\ndate: 2026-01-02\n", r"file\.yaml:2: slug: String should match pattern"),
    ],
)
def test_a_file_that_breaks_its_schema_is_refused_with_the_line_and_key(tmp_path, text, message):
    with pytest.raises(ContentError, match=message):
        checked(UpdateFile, tmp_path, text)


def test_every_error_of_a_file_is_reported(tmp_path):
    with pytest.raises(ContentError) as refused:
        checked(UpdateFile, tmp_path, "slug: t\ndate: 2026-01-02\nkind: gossip\n")
    assert str(refused.value).splitlines() == [
        f"{tmp_path / 'file.yaml'}:1: title: missing",
        f"{tmp_path / 'file.yaml'}:3: kind: 'gossip' is not one of 'news' or 'handbook'",
    ]


FORM = """\
title: Kysely
slug: kysely
phases: [4]
fields:
  - name: palvelut
    label: Palvelut?
    type: checkboxes
    choices: [A, B]
  - name: nimi
    label: Nimi
    type: singleline
    personal: true
"""


def test_a_nested_key_is_named_by_its_path(tmp_path):
    text = FORM.replace("type: singleline", "type: singleline\n    choices: [A]")
    with pytest.raises(ContentError, match=r"file\.yaml:12: fields\[1\]\.choices: choices go with \(and only with\)"):
        checked(FormFile, tmp_path, text)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("phases: [4]", "phases: [5]"), r"sv\.yaml:3: phases: differs from the Finnish file$"),
        (("personal: true", "personal: false"), r"sv\.yaml:12: fields\[1\]\.personal: differs from the Finnish file$"),
        (("choices: [A, B]", "choices: [A]"), r"sv\.yaml:8: fields\[0\]\.choices: has 1 items where the Finnish file"),
    ],
)
def test_a_translation_keeps_what_is_the_same_in_every_language(tmp_path, change, message):
    finnish = yaml.safe_load(FORM)
    assert checked(FormFile, tmp_path, FORM.replace("Palvelut?", "Tjänster?"), source=finnish, name="sv.yaml")
    with pytest.raises(ContentError, match=message):
        checked(FormFile, tmp_path, FORM.replace(*change), source=finnish, name="sv.yaml")


@pytest.mark.django_db
def test_facts_are_checked_as_the_page_model_declares_them(tmp_path, content):
    case = (
        "title: T\nslug: t\nvillage: V\nregion: uusimaa\nstatus: running\nstory: S\nexample: false\n"
        "services: [polttopuut]\nindicators:\n  - perspective: economy\n    indicator: I\n    value: 3\n"
        "    period: 2025\n    source: S\n"
    )
    with pytest.raises(ContentError, match=r":10: indicators\[0\]\.source_url: a real case's figure needs"):
        checked(CaseFile, tmp_path, case)
    with pytest.raises(ContentError, match=r":4: region: 'atlantis' is not in regions\.yaml"):
        checked(CaseFile, tmp_path, case.replace("uusimaa", "atlantis"))
    with pytest.raises(ContentError, match=r":5: status: 'paused' is not one of 'planning'"):
        checked(CaseFile, tmp_path, case.replace("running", "paused"))
    with pytest.raises(ContentError, match=r":8: services\[0\]: 'uima' is not in service_types\.yaml"):
        checked(CaseFile, tmp_path, case.replace("polttopuut", "uima"))
    partner = "title: P\nslug: p\npartner_type: rahoittajat\nwebsite: http://example.fi/\n"
    with pytest.raises(ContentError, match=r":4: website: a real organisation is listed with its official https"):
        checked(PartnerFile, tmp_path, partner)
    assert checked(PartnerFile, tmp_path, partner + "example: true\n")


@pytest.mark.parametrize(
    ("schema", "model"), [(CaseFile, CaseStudyPage), (PartnerFile, PartnerPage), (ResourceFile, ResourcePage)]
)
def test_a_page_types_facts_are_keys_of_its_content_files(schema, model):
    facts = loaded_facts(model)
    assert {fact.key for fact in facts} <= set(schema.model_fields)
    shared = {name for name, field in schema.model_fields.items() if SHARED in field.metadata}
    assert shared == {fact.key for fact in facts if fact.shared}
