"""What a content file may contain: one pydantic model per kind of file, checked on load and written out as SCHEMA.md.

Each app declares its files' models in its `schema.py` and lists them in a `SchemaDocument`; the fields'
descriptions and examples are the documentation, so `manage.py write_content_schemas` writes each app's
`content/SCHEMA.md` from them (a test fails when one is out of date). A file that breaks its schema is refused
with the file, the line and the key named: `handbook/content/fi/phases/01-x.yaml:6: tasks[0].actor: …`.
"""

import datetime
import enum
import inspect
import textwrap
import types
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils import translation
from django.utils.module_loading import import_string
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model
from pydantic_core import PydanticCustomError

from .models import EmploymentForm, FundingSource, PartnerType, Region, ServiceType


class ContentError(Exception):
    """A content file is missing, malformed or refers to something that does not exist."""


class _Marker:
    def __init__(self, note):
        self.note = note

    def __repr__(self):
        return self.note


# Field markers, written as `Annotated[type, SHARED]`: what a translation must keep from the Finnish file.
SHARED = _Marker("the same in every language")
SAME_COUNT = _Marker("as many in every language")

Text = typing.Annotated[str, StringConstraints(min_length=1)]
Slug = typing.Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
CHECKED_DESCRIPTION = "YYYY-MM-DD: when a person last checked the content against its sources; only that person sets it"
Https = typing.Annotated[str, StringConstraints(pattern=r"^https://")]


def one_of(choices):
    """The values of Django `choices` (or of an iterable), as the only values a key may take."""
    if isinstance(choices, type) and issubclass(choices, enum.Enum):
        choices = [member.value for member in choices]
    return typing.Literal[tuple(choices)]


class ContentItem(BaseModel):
    """A mapping in a content file: only the declared keys, each value of its declared type as YAML reads it.

    Values are checked, never converted (strict), because the loaders read the file's data, not the model's.
    A key the model does not declare is refused: a misspelt optional key would otherwise be ignored.
    """

    model_config = ConfigDict(extra="forbid", strict=True)


class Source(ContentItem):
    """A link to an official or authoritative page, with what the reader finds there and when it was checked."""

    title: Text = Field(examples=["Työmarkkinatori: Palkkatuki"])
    url: Https = Field(description="a deep link, not a home page", examples=["https://tyomarkkinatori.fi/palkkatuki"])
    description: str = Field("", examples=["One sentence saying what the reader finds there."])
    checked: datetime.date | None = Field(
        None,
        description="YYYY-MM-DD: when a person last confirmed the page says this",
        examples=[datetime.date(2026, 12, 3)],
    )


class ContentFile(ContentItem):
    """A whole content file."""

    @classmethod
    def check(cls, data, path, source=None):
        """`data`, read from `path`, unchanged if it fits; `source` is the Finnish file's data for a translation."""
        try:
            cls.model_validate(data)
        except ValidationError as error:
            raise ContentError(
                "\n".join(_located(path, data, item["loc"], _message(item)) for item in error.errors())
            ) from None
        if source is not None:
            differences = list(translation_differences(cls, data, source))
            if differences:
                raise ContentError("\n".join(_located(path, data, loc, message) for loc, message in differences))
        return data


class PageFile(ContentFile):
    """The keys of every file that is a page."""

    title: Text = Field(description="the page's title", examples=["Title of the page"])
    slug: Slug = Field(
        description="the page's address: ASCII, lower case, hyphens; translated in sv/en",
        examples=["ascii-lower-case-hyphens"],
    )
    summary: str = Field("", description="one line, at most 200 characters", examples=["One line."])


class IntroPageFile(PageFile):
    """A page of a title, a summary and an introduction."""

    intro: str = Field("", description="paragraphs separated by a blank line", examples=["Paragraph.\n\nParagraph.\n"])


class SectionIndexFile(IntroPageFile):
    """The section's index page, shown in the main menu."""


def refuse(model, errors):
    """For a model validator's own rules: raises a `ValidationError` if there are `errors` [(key path, message, value)].

    Pydantic adds the location of the model in the file to each key path.
    """
    if errors:
        raise ValidationError.from_exception_data(
            model.__name__,
            [
                {"type": PydanticCustomError("content_rule", message), "loc": tuple(loc), "input": value}
                for loc, message, value in errors
            ],
        )


TAXONOMY_FILES = [
    ("partner_types.yaml", PartnerType),
    ("regions.yaml", Region),
    ("service_types.yaml", ServiceType),
    ("funding_sources.yaml", FundingSource),
    ("employment_forms.yaml", EmploymentForm),
]


def term_of(model):
    """A slug of a `model` term, as written in the taxonomy files of `hub/core/content/fi/`."""

    filename = next((name for name, taxonomy in TAXONOMY_FILES if taxonomy is model), model.__name__)

    def known(slug):
        if not model.objects.filter(slug=slug).exists():
            raise PydanticCustomError("unknown_term", f"{slug!r} is not in {filename}")
        return slug

    return typing.Annotated[str, AfterValidator(known)]


def _fact_type(model, fact):
    """The type of a fact's value in a content file: its kind's type, narrowed to its choices or its terms."""
    field = model._meta.get_field(fact.field)
    content_type = fact.kind.content_type
    if content_type is str and field.related_model is not None:
        return term_of(field.related_model)
    if content_type == list[str] and field.related_model is not None:
        return list[term_of(field.related_model)]
    if content_type is str and field.choices:
        return one_of(value for value, _label in field.choices)
    return content_type


def page_with_facts(model, required=(), about=None):
    """A page file's keys and those of the facts the page type `model` loads from its file (see `hub.core.facts`).

    A fact's key is optional unless in `required`, and the same in every language if the fact is shared.
    `about` gives a key a `Field` with its description and example; otherwise the model field's name describes it.
    """
    from .facts import loaded_facts  # the facts module reads the loader, which reads this module

    about = dict(about or {})
    fields = {}
    for fact in loaded_facts(model):
        annotation = _fact_type(model, fact)
        if fact.key in required and annotation is str:
            annotation = Text
        if fact.key not in required:
            annotation = annotation | None
        if fact.key not in about:
            with translation.override(None):
                about[fact.key] = Field(description=str(model._meta.get_field(fact.field).verbose_name))
        markers = (SHARED,) if fact.shared else ()
        fields[fact.key] = (
            typing.Annotated[annotation, *markers, about[fact.key]],
            ... if fact.key in required else None,
        )
    return create_model(f"{model.__name__}File", __base__=PageFile, **fields)


# Errors ---------------------------------------------------------------------------------------------------------------

_MESSAGES = {
    "missing": "missing",
    "string_too_short": "is empty",
    "too_short": "is empty",
    "extra_forbidden": "is not a key this file may contain",
    "date_type": "must be written as YYYY-MM-DD",
    "literal_error": "{input!r} is not one of {expected}",
}


def _message(error):
    template = _MESSAGES.get(error["type"])
    if template is None:
        return error["msg"]
    return template.format(input=error.get("input"), **error.get("ctx", {}))


def _present(data, loc):
    """The part of a pydantic location that names keys and items of `data` (not union members or validators)."""
    parts, current = [], data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            break
        parts.append(part)
    return parts


def key_path(parts):
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts).lstrip(".")


def key_line(path, parts):
    """The line of `path` where the key or item at `parts` is written, or where its closest parent is."""
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    line = node.start_mark.line + 1 if node is not None else 1
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            match = next(((key, value) for key, value in node.value if key.value == part), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _located(path, data, loc, message):
    parts = _present(data, loc)
    # A missing key is named, though it is not in the data.
    if len(loc) > len(parts) and isinstance(loc[len(parts)], str) and isinstance(_at(data, parts), dict):
        parts = [*parts, loc[len(parts)]]
    line = key_line(path, parts)
    where = f"{path}:{line}" if line else f"{path}"
    key = key_path(parts)
    return f"{where}: {key}: {message}" if key else f"{where}: {message}"


def _at(data, parts):
    for part in parts:
        data = data[part]
    return data


# Types and translations -----------------------------------------------------------------------------------------------


def _bare(annotation):
    """`annotation` without its metadata and without `| None`."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        others = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        annotation = others[0] if len(others) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_list(annotation):
    return typing.get_origin(_bare(annotation)) is list


def _item(annotation):
    """The type of the items of a list, or the type itself."""
    annotation = _bare(annotation)
    return _bare(typing.get_args(annotation)[0]) if typing.get_origin(annotation) is list else annotation


def _item_model(annotation):
    """The model of a list of models, or of a model."""
    annotation = _item(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _keeps_something(model):
    return any(
        SHARED in field.metadata or SAME_COUNT in field.metadata or _nested(field)
        for field in model.model_fields.values()
    )


def _nested(field):
    """The item model of a list of models that keeps something from the Finnish file."""
    if not _is_list(field.annotation):
        return None
    model = _item_model(field.annotation)
    return model if model is not None and _keeps_something(model) else None


def translation_differences(model, data, source, loc=()):
    """(key path, message) for each key a translation must keep from the Finnish file and does not."""
    for name, field in model.model_fields.items():
        mine, original = data.get(name), source.get(name)
        here = (*loc, name)
        if SHARED in field.metadata:
            if mine != original:
                yield here, "differs from the Finnish file"
        elif SAME_COUNT in field.metadata or _nested(field):
            mine, original = mine or [], original or []
            if len(mine) != len(original):
                yield here, f"has {len(mine)} items where the Finnish file has {len(original)}"
            elif _nested(field):
                for index, (item, original_item) in enumerate(zip(mine, original, strict=True)):
                    yield from translation_differences(_nested(field), item, original_item, (*here, index))


# SCHEMA.md ------------------------------------------------------------------------------------------------------------

COMMENT_COLUMN = 36
LINE_LENGTH = 116


@dataclass
class SchemaDocument:
    """An app's content folder as its SCHEMA.md describes it: `files` maps a file's path pattern to its model."""

    title: str
    intro: str
    folder: Path
    files: dict

    @property
    def path(self):
        return self.folder / "SCHEMA.md"

    def render(self):
        parts = [
            f"# {self.title}",
            "<!-- Written by `manage.py write_content_schemas` from the app's schema.py; edit that instead. -->",
            textwrap.dedent(self.intro).strip(),
        ]
        for pattern, model in self.files.items():
            parts.append(f"## {pattern}")
            if model.__doc__:
                parts.append(inspect.cleandoc(model.__doc__))
            parts.append("```yaml\n" + "\n".join(_example(model)) + "\n```")
        return "\n\n".join(parts) + "\n"


def _choices(annotation):
    """The values a key (or each item of a list) may take, if they are listed."""
    annotation = _item(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return []


def _comment(field):
    notes = ["required"] if field.is_required() else []
    if field.description:
        notes.append(field.description)
    choices = _choices(field.annotation)
    if choices:
        notes.append(" | ".join(str(choice) for choice in choices))
    if isinstance(field.default, bool) or (isinstance(field.default, str) and field.default):
        notes.append(f"default {_scalar(field.default)}")
    notes += [marker.note for marker in (SHARED, SAME_COUNT) if marker in field.metadata]
    return "; ".join(notes)


def _scalar(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return (
        yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()
    )


def _with_comment(text, comment):
    """`text`, its comment beside it from COMMENT_COLUMN on, or above it when the text reaches that far."""
    if not comment:
        return [text]
    if len(text) < COMMENT_COLUMN:
        lines = textwrap.wrap(comment, width=LINE_LENGTH - COMMENT_COLUMN - 2)
        return [f"{text.ljust(COMMENT_COLUMN)}# {lines[0]}"] + [f"{' ' * COMMENT_COLUMN}# {line}" for line in lines[1:]]
    indent = " " * (len(text) - len(text.lstrip(" -")))
    return [f"{indent}# {line}" for line in textwrap.wrap(comment, width=LINE_LENGTH - len(indent) - 2)] + [text]


def _example(model, indent=0):
    lines = []
    pad = " " * indent
    for name, field in model.model_fields.items():
        comment = _comment(field)
        nested = _item_model(field.annotation)
        example = field.examples[0] if field.examples else None
        if nested is not None:
            lines += _with_comment(f"{pad}{name}:", comment)
            if _is_list(field.annotation):
                item = _example(nested, indent + 4)
                item[0] = f"{pad}  - {item[0][indent + 4 :]}"
            else:
                item = _example(nested, indent + 2)
            lines += item
            continue
        if example is None:
            choices = _choices(field.annotation)
            if choices:
                example = [choices[0]] if _is_list(field.annotation) else choices[0]
            elif field.default not in (None, "", []) and not field.is_required():
                example = field.default
        if isinstance(example, str) and "\n" in example:
            lines += _with_comment(f"{pad}{name}: |", comment)
            lines += [f"{pad}  {line}".rstrip() for line in example.rstrip("\n").split("\n")]
        elif example is None:
            lines += _with_comment(f"{pad}{name}:", comment)
        else:
            lines += _with_comment(f"{pad}{name}: {_scalar(example)}", comment)
    return lines


# Each app's `SchemaDocument`, by dotted path: the apps' schemas import this module.
SCHEMA_DOCUMENTS = (
    "hub.core.schema.DOCUMENT",
    "home.schema.DOCUMENT",
    "handbook.schema.DOCUMENT",
    "hub.updates.schema.DOCUMENT",
    "hub.partners.schema.DOCUMENT",
    "hub.resources.schema.DOCUMENT",
    "hub.cases.schema.DOCUMENT",
    "hub.feedback.schema.DOCUMENT",
    "hub.savings.schema.DOCUMENT",
    "hub.readiness.schema.DOCUMENT",
    "hub.impact.schema.DOCUMENT",
)


def schema_documents():
    return [import_string(dotted) for dotted in SCHEMA_DOCUMENTS]
