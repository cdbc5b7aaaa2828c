"""Secret links, ticket ids and pairing codes cannot be guessed or enumerated: long random values,
compared in constant time, and no sequential number in a URL a visitor sees unless a secret or a login
stands before it."""

from __future__ import annotations

import hmac
import re
import secrets
import string

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from exhibitors.services import exhibitor_for_token, portal_url, regenerate_portal_token
from tests.exhibitors.factories import ExhibitorFactory
from tests.factories import RegistrationFactory, TicketFactory
from tickets.checkin.models import PAIRING_ALPHABET, Gate
from tickets.checkin.services import authenticate_device, create_device

pytestmark = pytest.mark.django_db

URLSAFE = set(string.ascii_letters + string.digits + "-_")
BASE32 = set(string.ascii_uppercase + "234567")
SAMPLES = 40


def looks_random(values: list[str], *, length: int, alphabet: set[str]) -> None:
    assert len(set(values)) == len(values), "values repeat"
    assert {len(v) for v in values} == {length}
    assert set("".join(values)) <= alphabet
    # Every position varies across the samples (a counter or a timestamp would keep its first characters).
    for position in range(length):
        assert len({v[position] for v in values}) > 1, f"position {position} never changes"
    # Sorted by value, the creation order is lost (a sequence would keep it).
    assert sorted(values) != values


@pytest.fixture
def compare_digest_calls(monkeypatch) -> list[tuple]:
    """Spy on constant-time comparisons (hmac's, and secrets' that Django's constant_time_compare uses)."""
    calls: list[tuple] = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    monkeypatch.setattr(secrets, "compare_digest", spy)
    return calls


def test_registration_manage_links_are_random_256_bit_secrets():
    registrations = RegistrationFactory.create_batch(SAMPLES)
    looks_random([r.manage_token for r in registrations], length=43, alphabet=URLSAFE)
    looks_random([r.public_id for r in registrations], length=16, alphabet=BASE32)


def test_ticket_ids_are_random_80_bit_values():
    tickets = TicketFactory.create_batch(SAMPLES)
    looks_random([t.public_id for t in tickets], length=16, alphabet=BASE32)


def test_pairing_codes_are_random_in_an_unambiguous_alphabet():
    gate = Gate.objects.create(edition=TicketFactory().edition, name="Main entrance")
    codes = [create_device(gate=gate, name=f"Phone {n}")[0].pairing_code for n in range(SAMPLES)]
    looks_random(codes, length=8, alphabet=set(PAIRING_ALPHABET))
    assert not set(PAIRING_ALPHABET) & set("01OI")


def test_device_tokens_and_exhibitor_links_are_random_256_bit_secrets():
    gate = Gate.objects.create(edition=TicketFactory().edition, name="Main entrance")
    tokens = [create_device(gate=gate, name=f"Phone {n}", with_token=True)[1] for n in range(SAMPLES)]
    looks_random(tokens, length=43, alphabet=URLSAFE)
    links = [regenerate_portal_token(exhibitor=ExhibitorFactory()) for _ in range(SAMPLES)]
    looks_random(links, length=43, alphabet=URLSAFE)


def test_manage_link_is_checked_in_constant_time_and_a_wrong_one_looks_unknown(compare_digest_calls):
    registration = RegistrationFactory()
    client = Client()
    token = registration.manage_token
    # One character changed, never to itself: a token ending in "A" made the "wrong" link the right one.
    wrong_token = token[:-1] + ("B" if token.endswith("A") else "A")
    with translation.override("fr"):
        right = reverse("tickets:manage", args=[registration.public_id, token])
        wrong = reverse("tickets:manage", args=[registration.public_id, wrong_token])
        unknown = reverse("tickets:manage", args=["A" * 16, registration.manage_token])
    assert client.get(right).status_code == 200
    compare_digest_calls.clear()
    wrong_response = client.get(wrong)
    assert wrong_response.status_code == 404
    assert (registration.manage_token.encode(), wrong.split("/")[-2].encode()) in compare_digest_calls
    unknown_response = client.get(unknown)
    assert unknown_response.status_code == 404
    assert wrong_response.content == unknown_response.content  # nothing tells an existing id apart


def test_manage_url_carries_no_database_id():
    registration = RegistrationFactory()
    ticket = TicketFactory(registration=registration, edition=registration.edition)
    with translation.override("fr"):
        url = reverse("tickets:manage", args=[registration.public_id, registration.manage_token])
    segments = url.strip("/").split("/")
    assert str(registration.pk) not in segments
    assert str(ticket.pk) not in segments
    assert not any(segment.isdigit() for segment in segments)


def test_device_token_is_checked_in_constant_time(compare_digest_calls):
    gate = Gate.objects.create(edition=TicketFactory().edition, name="Main entrance")
    device, token = create_device(gate=gate, name="Phone", with_token=True)
    assert authenticate_device(token=token) == device
    assert [len(a) for a, _b in compare_digest_calls] == [64]  # the SHA-256 digests, compared in full


def test_exhibitor_portal_link_is_checked_in_constant_time(compare_digest_calls):
    exhibitor = ExhibitorFactory()
    token = regenerate_portal_token(exhibitor=exhibitor)
    assert exhibitor_for_token(token) == exhibitor
    assert len(compare_digest_calls) == 1
    assert exhibitor_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    client = Client()
    assert client.get(portal_url(token=token, language="fr", absolute=False)).status_code == 200
    wrong = portal_url(token="x" * 43, language="fr", absolute=False)
    assert client.get(wrong).status_code == 404


def iter_patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from iter_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


SECRET_SEGMENT = re.compile(r"<str:(token|key)>")


def test_numbers_in_urls_only_behind_a_secret_or_a_login():
    """A visitor must not be able to walk through ids: a route with <int:...> needs a secret segment before
    the number, or refuses an anonymous visitor (redirect to the login page or 403)."""
    client = Client()
    exposed = []
    checked = 0
    for route, _pattern in iter_patterns(get_resolver()):
        if "<int:" not in route or route.startswith(("admin/", "^admin/")):
            continue
        checked += 1
        before_number = route.split("<int:")[0]
        if SECRET_SEGMENT.search(before_number):
            continue
        url = "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)  # i18n routes come with the current prefix
        response = client.get(url)
        login = response.status_code == 302 and "login" in response.get("Location", "")
        if not (login or response.status_code in (401, 403)):
            exposed.append(f"{route} -> {url}: {response.status_code}")
    assert checked > 0
    assert exposed == []
