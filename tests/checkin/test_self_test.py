"""The gate self-test's server side: a device reports the scans still waiting on it and its last sync
(each heartbeat), gets the server's time to compare its clock with, and the dashboard lists the devices
holding scans not yet uploaded. The checks run in the browser (tests/e2e/test_gate_rehearsal.py)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone, translation

from tickets.checkin.models import ScannerDevice
from tickets.checkin.scanner_views import SCANNER_MODULES, scanner_strings
from tickets.checkin.services import create_device, revoke_device

pytestmark = pytest.mark.django_db


def test_heartbeat_records_the_queue_and_answers_the_server_time(api, device):
    synced = timezone.now() - dt.timedelta(minutes=4)
    before = timezone.now()
    response = api.post("devices/heartbeat", {"queue_length": 7, "last_sync_at": synced.isoformat()})
    assert response.status_code == 200
    body = response.json()
    assert body["queue_length"] == 7
    assert before <= dt.datetime.fromisoformat(body["server_time"]) <= timezone.now()
    device.refresh_from_db()
    assert (device.queue_length, device.last_sync_at, device.last_seen_at >= before) == (7, synced, True)


def test_a_sync_reported_in_the_future_is_dated_now(api, device):
    api.post("devices/heartbeat", {"queue_length": 0, "last_sync_at": "2099-01-01T00:00:00+00:00"})
    device.refresh_from_db()
    assert device.last_sync_at <= timezone.now()


@pytest.mark.parametrize("body", [{"queue_length": -1}, {"queue_length": "many"}, {}])
def test_a_bad_report_is_refused_and_changes_nothing(api, device, body):
    assert api.post("devices/heartbeat", body).status_code == 422
    device.refresh_from_db()
    assert (device.queue_length, device.last_sync_at) == (0, None)


def test_heartbeat_needs_the_device_token(api):
    assert api.post("devices/heartbeat", {"queue_length": 1}, token="wrong").status_code == 401


@pytest.fixture
def organizer(client):
    user = User.objects.create_user("dash", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    client.force_login(user)
    return user


@translation.override("en")  # and back to the default language after: requests below activate theirs
def test_the_dashboard_lists_devices_with_scans_not_yet_uploaded(client, organizer, api, day, main_gate):
    dashboard = reverse("checkin:dashboard")
    quiet = create_device(gate=main_gate, name="Phone quiet", with_token=True)[0]
    lost = create_device(gate=main_gate, name="Phone lost", with_token=True)[0]
    ScannerDevice.objects.filter(pk=lost.pk).update(queue_length=3)
    revoke_device(device=lost)
    api.post("devices/heartbeat", {"queue_length": 12, "last_sync_at": None})
    page = client.get(dashboard, {"edition": day.edition.slug, "day": day.date})
    assert [(d.name, d.queue_length) for d in page.context["holding_devices"]] == [("Phone 1", 12)]
    html = page.content.decode()
    assert "Devices with scans not yet uploaded" in html
    assert quiet.name not in html
    api.post("devices/heartbeat", {"queue_length": 0, "last_sync_at": timezone.now().isoformat()})
    page = client.get(dashboard, {"edition": day.edition.slug, "day": day.date})
    assert page.context["holding_devices"] == []
    assert "Every device has uploaded its scans." in page.content.decode()


def test_the_scanner_page_carries_the_self_test(client):
    with translation.override("nl"):
        strings = scanner_strings()
        page = client.get("/nl/scan/").content.decode()
    assert "js/scanner/selftest.js" in SCANNER_MODULES
    assert "data-selftest-run" in page
    checks = ["camera", "network", "clock", "keys", "offline", "queue"]
    assert all(strings[f"selftest.{name}"] for name in checks)
