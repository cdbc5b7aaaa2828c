import pytest

from tests.factories import DayFactory, ThemeFactory
from tests.talks.factories import CallFactory


@pytest.fixture
def call(edition):
    """An open call of the edition, with its two days and one theme."""
    DayFactory(edition=edition)
    DayFactory(edition=edition, date=edition.ends_on)
    edition.themes.add(
        ThemeFactory(name="Mobility", name_fr="Mobilité", name_nl="Mobiliteit", name_en="Mobility")
    )
    return CallFactory(edition=edition)


def proposal_post(call, **overrides) -> dict:
    """A complete submission form, as a browser posts it."""
    data = {
        "proposal-title": "Le jumeau numérique de Bruxelles",
        "proposal-abstract": "Comment la ville se modélise.",
        "proposal-format": "pecha_kucha",
        "proposal-language": "fr",
        "proposal-theme": str(call.edition.themes.first().pk),
        "proposal-available_days": [str(d.pk) for d in call.edition.days.all()],
        "proposal-accessibility_needs": "",
        "proposal-contact_email": "ada@example.org",
        "proposal-contact_language": "fr",
        "speakers-TOTAL_FORMS": "3",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "1",
        "speakers-MAX_NUM_FORMS": "4",
        "speakers-0-name": "Ada Martin",
        "speakers-0-organisation": "Urban Lab",
        "speakers-0-bio": "Urbaniste.",
    }
    data.update(overrides)
    return data
