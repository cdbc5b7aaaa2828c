"""Least privilege, URL by URL: every staff page of the console, the desks, the check-in tools and the talks'
staff side, opened by each role. Allowed means the page answers (200, or a 404/405 for a made-up id or a GET
on a form's action); refused means 403. The list of staff URLs comes from the URL resolver, so a staff page
added later without a line here fails the completeness test."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Every staff URL name, with made-up arguments where it takes some.
STAFF_URLS = {
    "console:home": {},
    "console:exports": {},
    "console:export-download": {"slug": "registrations", "file_format": "csv"},
    "console:messages": {},
    "console:message-new": {},
    "console:message": {"pk": 999},
    "console:message-edit": {"pk": 999},
    "console:message-preview": {"pk": 999},
    "console:message-test": {"pk": 999},
    "console:message-send": {"pk": 999},
    "console:retry-mail": {},
    "console:registrations": {},
    "console:registration": {"public_id": "A" * 16},
    "console:registration-action": {"public_id": "A" * 16},
    "console:capacity": {},
    "console:report": {},
    "console:report-pdf": {},
    "tickets:desk": {},
    "tickets:to-post": {},
    "tickets:desk-print": {"public_id": "A" * 16},
    "tickets:desk-pdf": {"public_id": "A" * 16},
    "tickets:post-letter": {"public_id": "A" * 16},
    "tickets:mark-posted": {"public_id": "A" * 16},
    "checkin:desk": {},
    "checkin:desk-admit": {},
    "checkin:paper": {},
    "checkin:paper-pdf": {"edition": "none", "date": "2027-03-20"},
    "checkin:dashboard": {},
    "checkin:dashboard-csv": {},
    "checkin:rehearsal": {},
    "checkin:rehearsal-open": {},
    "checkin:rehearsal-close": {},
    "checkin:rehearsal-pdf": {"public_id": "A" * 16},
    "talks:review-list": {},
    "talks:review": {"public_id": "A" * 16},
    "talks:organize": {},
    "talks:decide": {"public_id": "A" * 16},
    "talks:schedule": {},
    "talks:place": {"public_id": "A" * 16},
    "talks:slides-missing": {},
    "talks:stage-list": {},
    "talks:stage": {"day_id": 999, "space_id": 999},
}
# Public or token pages in the same namespaces (the visitor's own pages, the scanner, the call), and the
# set-password pages a new staff member opens before having a role.
NOT_STAFF = {
    "console:set-password",
    "console:password-set",
    "talks:stage-worker",  # the service worker script: served to any browser, holds no data
    "talks:stage-slide",  # checked with the stage: covered by the talks tests
}
STAFF_NAMESPACES = ("console", "talks")
STAFF_PREFIXES = ("tickets:desk", "tickets:to-post", "tickets:post-", "tickets:mark-posted", "checkin:desk")
STAFF_PREFIXES += ("checkin:paper", "checkin:dashboard", "checkin:rehearsal")

# What each role may open; everything else in STAFF_URLS answers 403.
DESK = {
    "console:home", "console:registrations", "console:registration", "console:registration-action",
    "tickets:desk", "tickets:to-post", "tickets:desk-print", "tickets:desk-pdf", "tickets:post-letter",
    "tickets:mark-posted", "checkin:desk", "checkin:desk-admit", "checkin:paper", "checkin:paper-pdf",
}  # fmt: skip
ALLOWED = {
    "organizer": set(STAFF_URLS),
    "desk": DESK,
    "gate": {"console:home"},
}
PUBLIC_TALKS = {
    "talks:call",
    "talks:submit",
    "talks:proposal",
    "talks:proposal-edit",
    "talks:proposal-withdraw",
}
PUBLIC_TALKS |= {"talks:proposal-answer", "talks:proposal-profile", "talks:slides-upload", "talks:slide"}
PUBLIC_TALKS |= {"talks:slides-preview"}
# Forms' actions answer only POST: they are asked by POST, so the permission speaks before the method.
ACTIONS = {
    "console:retry-mail", "console:registration-action", "console:message-test", "console:message-send",
    "tickets:mark-posted", "checkin:desk-admit", "checkin:rehearsal-open", "checkin:rehearsal-close",
    "talks:decide", "talks:place",
}  # fmt: skip


def _answer(client, name: str) -> int:
    url = reverse(name, kwargs=STAFF_URLS[name])
    return (client.post(url) if name in ACTIONS else client.get(url)).status_code


def _names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_staff_url_is_in_the_matrix():
    staff = {
        name for name in _names() if name.split(":")[0] in STAFF_NAMESPACES or name.startswith(STAFF_PREFIXES)
    }
    assert staff - NOT_STAFF - PUBLIC_TALKS - set(STAFF_URLS) == set()


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_each_role_opens_what_it_may_and_nothing_else(role, staff_in, client, edition):
    client.force_login(staff_in(role))
    with translation.override("fr"):
        answers = {name: "refused" if _answer(client, name) == 403 else "allowed" for name in STAFF_URLS}
    expected = {name: "allowed" if name in ALLOWED[role] else "refused" for name in STAFF_URLS}
    assert answers == expected


def test_every_staff_page_answers_before_any_edition_exists(staff_in, client):
    client.force_login(staff_in("organizer"))
    with translation.override("fr"):
        failing = {name: status for name in STAFF_URLS if (status := _answer(client, name)) >= 500}
    assert failing == {}


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(client, edition):
    with translation.override("fr"):
        answers = {}
        for name, kwargs in STAFF_URLS.items():
            url = reverse(name, kwargs=kwargs)
            response = client.post(url) if name in ACTIONS else client.get(url)
            answers[name] = response.status_code == 302 and "login" in response["Location"]
    assert answers == dict.fromkeys(STAFF_URLS, True)
