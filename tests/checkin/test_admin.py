import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tickets.checkin.models import ScannerDevice

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    return client


def test_adding_a_device_in_the_back_office_shows_its_pairing_code_and_qr(admin_client, main_gate):
    response = admin_client.post(
        reverse("admin:checkin_scannerdevice_add"), {"gate": main_gate.pk, "name": "Tablet", "_continue": "1"}
    )
    device = ScannerDevice.objects.get()
    assert response.status_code == 302
    assert device.pairing_code_is_valid()
    page = admin_client.get(reverse("admin:checkin_scannerdevice_change", args=[device.pk])).content.decode()
    assert device.pairing_code in page
    assert "<svg" in page
    assert device.token_hash is None


def test_revoke_action_cuts_the_device_off(admin_client, client, device, token):
    response = admin_client.post(
        reverse("admin:checkin_scannerdevice_changelist"),
        {"action": "revoke", "_selected_action": [device.pk]},
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None
    assert (
        client.get("/api/v1/checkins/config", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )


def test_new_pairing_code_action_gives_a_fresh_code(admin_client, device):
    admin_client.post(
        reverse("admin:checkin_scannerdevice_changelist"),
        {"action": "new_pairing_code", "_selected_action": [device.pk]},
    )
    device.refresh_from_db()
    assert device.pairing_code_is_valid()
    assert device.token_hash is None


def test_checkins_are_read_only_in_the_back_office(admin_client, api, ticket):
    api.scan(ticket.signed_code())
    assert admin_client.get(reverse("admin:checkin_checkin_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:checkin_checkin_add")).status_code == 403
