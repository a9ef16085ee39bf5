"""Previous and next links follow the card's order; the last phase loops back to the first."""

import re

import pytest

from handbook.models import PhasePage

from .model_card import PHASE_TITLES

pytestmark = pytest.mark.django_db


def test_previous_and_next_follow_the_phase_numbers(content):
    phases = list(PhasePage.objects.filter(locale__language_code="fi").order_by("number"))
    for index, phase in enumerate(phases):
        assert phase.next_phase == phases[(index + 1) % len(phases)]
        assert phase.previous_phase == (phases[index - 1] if index else None)


def test_first_phase_has_no_previous_and_last_loops_back_to_first(content, client):
    first = PhasePage.objects.get(locale__language_code="fi", number=1)
    last = PhasePage.objects.get(locale__language_code="fi", number=11)
    assert first.previous_phase is None
    assert last.next_phase == first and last.is_last_phase
    html = client.get(last.url).content.decode()
    assert 'class="phase-nav__next phase-nav__loop"' in html
    assert f'href="{first.url}"' in html
    assert "Takaisin alkuun" in html


def test_stepper_lists_all_eleven_phases_and_marks_the_current_one(content, client):
    phase = PhasePage.objects.get(locale__language_code="fi", number=5)
    html = client.get(phase.url).content.decode()
    stepper = html[html.index('class="stepper"') : html.index("</nav>", html.index('class="stepper"'))]
    titles = re.findall(r'stepper__title">([^<]+)<', stepper)
    assert titles == PHASE_TITLES
    assert stepper.count('aria-current="step"') == 1
    assert f'href="{phase.url}" aria-current="step"' in stepper
    assert "Vaihe 5/11" in html


def test_phase_order_comes_from_the_number_not_from_tree_position(handbook_with_phases):
    _handbook, phases = handbook_with_phases
    phases[0].number = 4
    phases[0].save()
    moved = PhasePage.objects.get(pk=phases[0].pk)
    assert [phase.pk for phase in moved.sibling_phases] == [phases[1].pk, phases[2].pk, phases[0].pk]
    assert moved.previous_phase.pk == phases[2].pk
    assert moved.next_phase.pk == phases[1].pk, "the last phase loops back to the first"


def test_two_phases_cannot_share_a_number(handbook_with_phases):
    from django.core.exceptions import ValidationError

    _handbook, phases = handbook_with_phases
    duplicate = PhasePage.objects.get(pk=phases[1].pk)
    duplicate.number = phases[0].number
    with pytest.raises(ValidationError):
        duplicate.full_clean()
