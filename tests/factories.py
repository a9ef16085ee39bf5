"""Factories for the page types: each builds a valid page in the tree."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from handbook.models import HandbookPage, PhasePage
from home.models import HomePage
from hub.cases.models import CaseStudyIndexPage, CaseStudyPage
from hub.core.models import PartnerType, StandardPage
from hub.feedback.models import FeedbackFormField, FeedbackFormPage
from hub.partners.models import PartnerDirectoryPage, PartnerPage
from hub.resources.models import ResourceIndexPage, ResourcePage
from hub.updates.models import UpdateIndexPage, UpdatePage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()


class PartnerTypeFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"partner-type-{n}")
    name = factory.Sequence(lambda n: f"Kumppanityyppi {n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = PartnerType


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kylä työllistää"
    summary = "Kyläyhdistys työnantajana"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tavallinen sivu {n}")
    body = factory.LazyFunction(lambda: [("heading", "Otsikko"), ("paragraph", "<p>Tekstiä.</p>")])

    class Meta:
        model = StandardPage


class HandbookPageFactory(wagtail_factories.PageFactory):
    title = "Käsikirja"
    slug = "kasikirja"
    intro = "<p>Johdanto.</p>"
    perspectives = factory.LazyFunction(
        lambda: [
            (
                "perspective",
                {
                    "actor": "employee",
                    "name": "Työntekijä",
                    "heading": "Mitä saa?",
                    "description": "",
                    "items": ["Työtä"],
                },
            )
        ]
    )

    class Meta:
        model = HandbookPage


class PhasePageFactory(wagtail_factories.PageFactory):
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda phase: f"Vaihe {phase.number}")
    summary = "Vaiheen tiivistelmä."
    tasks = factory.LazyFunction(lambda: [("task", {"actor": "city", "title": "Tehtävä", "description": "Kuvaus."})])
    checklist = factory.LazyFunction(lambda: [("item", "Tarkistettava asia")])

    class Meta:
        model = PhasePage


class UpdateIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ajankohtaista"
    slug = "ajankohtaista-testi"

    class Meta:
        model = UpdateIndexPage


class UpdatePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Päivitys {n}")
    summary = "Lyhyesti."
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = UpdatePage


class PartnerDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Yhteistyökumppanit"
    slug = "kumppanit-testi"

    class Meta:
        model = PartnerDirectoryPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kumppani {n}")
    summary = "Kumppanin rooli."
    website = "https://example.org/"
    partner_type = factory.LazyFunction(lambda: PartnerType.objects.filter(locale__language_code="fi").first())

    class Meta:
        model = PartnerPage


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kylien kokemuksia"
    slug = "kokemukset-testi"

    class Meta:
        model = CaseStudyIndexPage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kylätarina {n}")
    summary = "Tiivistelmä."
    village = factory.Sequence(lambda n: f"Testikylä {n}")
    status = "running"
    year_started = 2025
    story = "<p>Tarina.</p>"

    class Meta:
        model = CaseStudyPage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Työkalut ja pohjat"
    slug = "pohjat-testi"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pohja {n}")
    summary = "Pohjan tiivistelmä."
    format = "document"
    language = "fi"
    licence = "CC BY 4.0"

    class Meta:
        model = ResourcePage


class FeedbackFormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kysely {n}")
    slug = factory.Sequence(lambda n: f"kysely-testi-{n}")
    thank_you_text = "<p>Kiitos vastauksista!</p>"

    class Meta:
        model = FeedbackFormPage


def add_form_fields(page, fields):
    """Adds (name, label, type, required, choices, personal) fields to a form page and publishes it."""
    page.form_fields = [
        FeedbackFormField(
            clean_name=name,
            label=label,
            field_type=field_type,
            required=required,
            choices="\n".join(choices),
            personal=personal,
            sort_order=order,
            locale=page.locale,
        )
        for order, (name, label, field_type, required, choices, personal) in enumerate(fields)
    ]
    page.save_revision().publish()
    return FeedbackFormPage.objects.get(pk=page.pk)
