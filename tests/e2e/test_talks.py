"""Pecha Kucha from call to stage in the browser, in French and Dutch: a proposal sent without an account,
reviewed by two reviewers, accepted, confirmed by the speaker, scheduled, its 20 slides sent as a real
20-page PDF; then the stage player, driven by a test clock, shows slide 2 after 20 s and the next speaker
after slide 20, and keeps playing with the network cut. axe checks the speakers' pages at both sizes."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.models import Edition, Space
from talks.enums import ProposalState
from talks.models import Call, Proposal
from talks.permissions import REVIEWERS_GROUP
from talks.services.scheduling import schedule_proposal
from talks.services.submission import regenerate_token
from tests.talks.factories import ProposalFactory, ProposalSpeakerFactory
from tests.talks.slide_files import pdf_bytes
from tickets.models import OutgoingMail

from .axe import assert_accessible, horizontal_overflow
from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A clock the test moves by hand: the player reads time from it and registers its tick with it.
TEST_CLOCK = (
    "window.talksPlayerClock = {t: 0, now() { return this.t; }, every(fn) { window.__playerTick = fn; }};"
)


def localized(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def sign_in(page, base: str, user: User) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )


def staff(name: str, *, organizer: bool = False) -> User:
    if organizer:
        return User.objects.create_superuser(name, f"{name}@example.org", "unused-pw-1")
    user = User.objects.create_user(name, password="unused-pw-1", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


def submit(page, base: str, language: str) -> str:
    page.goto(base + localized("talks:call", language))
    page.locator(f"a[href='{localized('talks:submit', language)}']").first.click()
    page.fill("#id_proposal-title", "Bruxelles en jumeau numérique")
    page.fill("#id_proposal-abstract", "Vingt images pour une ville modélisée.")
    page.check("#id_proposal-format_0")
    page.check("#id_proposal-language_0")
    page.select_option("#id_proposal-theme", index=1)
    page.check("#id_proposal-available_days_0")
    page.fill("#id_speakers-0-name", "Amélie Dubois")
    page.fill("#id_speakers-0-organisation", "Urban Lab")
    page.fill("#id_proposal-contact_email", "amelie@example.org")
    page.check(f"input[name='proposal-contact_language'][value='{language}']")
    page.locator("form.proposal-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/talks/proposal/.+/"))
    return page.url


def review(page, base: str, proposal: Proposal, user: User, score: str) -> None:
    sign_in(page, base, user)
    page.goto(base + localized("talks:review", "fr", public_id=proposal.public_id))
    for group in page.locator("fieldset.field").all():
        group.locator(f"input[value='{score}']").check()
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#others-title")


def mailed_link(proposal: Proposal) -> str:
    body = OutgoingMail.objects.filter(to=proposal.contact_email).order_by("-pk").first().body_text
    return re.search(r"https?://\S+/talks/proposal/\S+/", body).group(0)


def player_alt(page) -> str:
    return page.locator("[data-slide]").get_attribute("alt") or ""


def advance(page, seconds: float) -> None:
    page.evaluate(f"() => {{ window.talksPlayerClock.t += {seconds * 1000}; window.__playerTick(); }}")


@pytest.mark.parametrize("viewport", [DESKTOP], ids=[DESKTOP.name])
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_from_call_to_stage(page, page_errors, demo, language):
    base = demo
    edition = Edition.objects.current()
    call = Call.objects.get(edition=edition)
    call.criteria.exclude(pk=call.criteria.first().pk).delete()
    proposal_url = submit(page, base, language)
    proposal = Proposal.objects.get(title="Bruxelles en jumeau numérique")
    assert (proposal.contact_language, proposal.state) == (language, ProposalState.SUBMITTED)

    review(page, base, proposal, staff("anna"), "4")
    review(page, base, proposal, staff("bart"), "3")

    organizer = staff("org", organizer=True)
    sign_in(page, base, organizer)
    page.goto(base + localized("talks:organize", language))
    decide = localized("talks:decide", language, public_id=proposal.public_id)
    page.locator("tr", has=page.locator(f"form[action='{decide}']")).locator("summary").click()
    page.locator(f"form[action='{decide}'] button[value=accepted]").click()
    page.wait_for_selector(".message--success")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED

    page.context.clear_cookies()
    link = mailed_link(proposal)
    assert f"/{language}/talks/proposal/" in link
    assert link.rstrip("/") != proposal_url.rstrip("/")
    page.goto(base + urlsplit(link).path)
    page.locator("button[value=confirm]").click()
    page.wait_for_selector("#slot-title")

    sign_in(page, base, organizer)
    day = proposal.available_days.first()
    stage = (  # a room with nothing on that day, so the two talks fit back to back
        Space.objects.filter(edition=edition, kind__in=["stage", "workshop_room"])
        .exclude(sessions__day=day)
        .first()
    )
    page.goto(base + localized("talks:schedule", language))
    form = page.locator(f"form[action='{localized('talks:place', language, public_id=proposal.public_id)}']")
    form.locator("select[name$=day]").select_option(str(day.pk))
    form.locator("select[name$=space]").select_option(str(stage.pk))
    form.locator("input[name$=starts]").fill("11:00")
    form.locator("button").click()
    page.wait_for_selector(".schedule-status .message--success")
    proposal.refresh_from_db()
    assert proposal.session is not None

    page.context.clear_cookies()
    page.goto(base + urlsplit(link).path)
    page.set_input_files(
        "#id_files", files=[{"name": "deck.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(20)}]
    )
    page.locator("#slides form button[type=submit]").click()
    page.wait_for_selector(".slides-grid")
    assert proposal.slides.count() == 20

    following = ProposalFactory(call=call, state=ProposalState.CONFIRMED, title="Fietsen met data")
    ProposalSpeakerFactory(proposal=following, name="Pieter Claes")
    regenerate_token(proposal=following)
    schedule_proposal(
        proposal=following, day=day, space=stage, starts=proposal.session.ends_at.astimezone().time()
    )

    sign_in(page, base, organizer)
    page.add_init_script(TEST_CLOCK)
    page.goto(base + localized("talks:stage", language, day_id=day.pk, space_id=stage.pk))
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('20')")
    page.keyboard.press("ArrowRight")
    assert re.search(r"\b1\b.*\b20\b", player_alt(page))
    page.context.set_offline(True)
    advance(page, 20)
    assert re.search(r"\b2\b.*\b20\b", player_alt(page))
    for _slide in range(19):
        advance(page, 20)
    between = page.locator("[data-between]")
    assert between.is_visible()
    assert "Pieter Claes" in between.inner_text()
    page.keyboard.press("PageUp")
    assert re.search(r"\b20\b.*\b20\b", player_alt(page))
    # The cached slide decodes asynchronously; offline, it must still arrive within the wait.
    page.wait_for_function(
        "() => { const i = document.querySelector('[data-slide]'); "
        "return i.complete && i.naturalWidth > 0; }",
        timeout=5000,
    )
    page_errors.assert_none()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_speaker_pages_are_accessible(page, page_errors, demo, viewport, language):
    call = Call.objects.get(edition=Edition.objects.current())
    submitted = Proposal.objects.filter(call=call, state=ProposalState.SUBMITTED).first()
    confirmed = ProposalFactory(call=call, state=ProposalState.CONFIRMED)
    ProposalSpeakerFactory(proposal=confirmed, name="Nadia El Amrani")
    accepted = Proposal.objects.filter(call=call, state=ProposalState.ACCEPTED).first()
    pages = {
        "call": localized("talks:call", language),
        "submission": localized("talks:submit", language),
        "proposal": localized("talks:proposal", language, token=regenerate_token(proposal=submitted)),
        "speaker-accepted": localized("talks:proposal", language, token=regenerate_token(proposal=accepted)),
        "speaker-confirmed": localized(
            "talks:proposal", language, token=regenerate_token(proposal=confirmed)
        ),
    }
    for name, path in pages.items():
        response = page.goto(demo + path)
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, language)
        assert_accessible(page, f"{name} ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0, f"{name} ({language}) scrolls sideways"
    page_errors.assert_none()
