"""Concurrent staff registrations never exceed an exhibitor's badge limit (PostgreSQL, real requests)."""

import contextlib
import threading
import urllib.parse
import urllib.request

import pytest

from exhibitors.models import Exhibitor, StaffMember
from exhibitors.services import regenerate_portal_token

from .factories import ExhibitorFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def register_many(live_server, token: str, count: int) -> None:
    url = f"{live_server.url}/fr/exhibitors/portal/{token}/staff/"

    def post(index: int) -> None:
        # The portal's forms need a CSRF cookie: fetch the page first, then post with the token.
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = opener.open(f"{live_server.url}/fr/exhibitors/portal/{token}/").read().decode()
        csrf = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": csrf, "staff-name": f"Person {index}", "staff-language": "fr"}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (the test's own live server)
            url, data=data, headers={"Referer": url, "Origin": live_server.url}
        )
        with contextlib.suppress(urllib.error.HTTPError):
            opener.open(request).read()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_concurrent_registrations_respect_the_staff_limit(live_server):
    exhibitor = ExhibitorFactory(staff_limit=3)
    token = regenerate_portal_token(exhibitor=exhibitor)

    register_many(live_server, token, 10)

    assert StaffMember.objects.filter(exhibitor=exhibitor).count() == 3


def test_control_without_the_lock_the_race_shows(live_server, settings):
    settings.CONCURRENCY_GUARD_EXHIBITORS_STAFF = False
    exhibitor = ExhibitorFactory(staff_limit=3)
    token = regenerate_portal_token(exhibitor=exhibitor)

    for _attempt in range(3):  # a race is likely, not certain, on one try
        register_many(live_server, token, 12)
        if StaffMember.objects.filter(exhibitor=exhibitor).count() > 3:
            break
        StaffMember.objects.filter(exhibitor=exhibitor).delete()
        Exhibitor.objects.filter(pk=exhibitor.pk).update(staff_limit=3)

    assert StaffMember.objects.filter(exhibitor=exhibitor).count() > 3
