"""Every check-in operation in the published OpenAPI schema refuses a missing, wrong or revoked device token
with 401 and no data; only pairing is open (it takes a one-time code instead). Read from the schema, so an
operation added later is covered too."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from tests.factories import EditionFactory
from tickets.checkin.models import Gate
from tickets.checkin.services import create_device, revoke_device

pytestmark = pytest.mark.django_db

OPEN_OPERATIONS = {("post", "/api/v1/devices/pair")}


def secured_operations(client: Client) -> list[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if operation.get("security"):
                operations.append((method, path.replace("{nonce}", str(uuid.uuid4()))))
    return operations


@pytest.fixture
def revoked_token():
    gate = Gate.objects.create(edition=EditionFactory(), name="Main entrance")
    device, token = create_device(gate=gate, name="Lost phone", with_token=True)
    revoke_device(device=device)
    return token


def test_pairing_is_the_only_open_check_in_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    open_operations = {
        (method, path)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if not operation.get("security") and "check-in" in operation.get("tags", [])
    }
    assert open_operations == OPEN_OPERATIONS


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer ",
        "Bearer wrong-token",
        "Basic b3JnYW5pemVyOnByaW50ZW1wcy1kZW1v",
        "REVOKED",
        "Token REVOKED",
    ],
    ids=["missing", "empty", "wrong", "basic", "revoked", "revoked-without-bearer"],
)
def test_every_secured_operation_refuses_bad_tokens_with_401(client, revoked_token, authorization):
    operations = secured_operations(client)
    assert len(operations) >= 6
    if authorization is not None:
        authorization = authorization.replace("REVOKED", f"Bearer {revoked_token}", 1)
        authorization = authorization.replace("Token Bearer ", "Token ", 1)
    headers = {"Authorization": authorization} if authorization is not None else {}
    answers = {}
    for method, path in operations:
        response = getattr(client, method)(path, {}, content_type="application/json", headers=headers)
        answers[(method, path)] = (response.status_code, response.json())
    refused = (401, {"code": "unauthorized", "detail": "Unauthorized"})
    assert answers == dict.fromkeys(answers, refused)
