"""The OpenAPI document promises every status an operation answers, each error with the one error schema
(core.errors.ErrorOut), and the same mistake gets the same status on every endpoint. Read from the document
itself (no requests to generate, no network); tests/api/test_openapi.py then fuzzes the API against it."""

from __future__ import annotations

import json

import pytest
from ninja.responses import NinjaJSONEncoder

from config.api import api
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

ERROR_REF = "#/components/schemas/ErrorOut"


def operations() -> list[tuple[str, str, dict]]:
    document = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def documented(operation: dict) -> set[int]:
    return {int(status) for status in operation["responses"]}


OPERATIONS = operations()
IDS = [f"{method} {path}" for method, path, _ in OPERATIONS]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_error_status_is_documented_with_the_error_schema(method, path, operation):
    errors = {status: body for status, body in operation["responses"].items() if int(status) >= 400}
    refs = {status: body["content"]["application/json"]["schema"]["$ref"] for status, body in errors.items()}
    assert refs == dict.fromkeys(errors, ERROR_REF)


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_operation_documents_the_statuses_its_input_and_auth_can_cause(method, path, operation):
    expected = {400}  # a NUL anywhere in a request (core/http.py)
    if operation.get("parameters") or operation.get("requestBody"):
        expected.add(422)
    if operation.get("security"):
        expected.add(401)
    if any(p["name"] == "edition" for p in operation.get("parameters", [])):
        expected.add(404)  # no edition published yet
    assert expected - documented(operation) == set()


def test_the_error_schema_is_code_detail_and_the_invalid_parameters():
    schema = api.get_openapi_schema()["components"]["schemas"]["ErrorOut"]
    assert (sorted(schema["properties"]), schema["required"]) == (
        ["code", "detail", "errors"],
        ["code", "detail"],
    )


EDITION_OPERATIONS = [
    path.removeprefix("/api/v1").replace("{slug}", "some-slug")
    for method, path, operation in OPERATIONS
    if method == "GET" and any(p["name"] == "edition" for p in operation.get("parameters", []))
]


def test_an_unknown_edition_is_422_on_every_endpoint_that_takes_one(client):
    EditionFactory(slug="2027")
    assert len(EDITION_OPERATIONS) >= 10
    answers = {path: client.get(f"/api/v1{path}", {"edition": "1999"}) for path in EDITION_OPERATIONS}
    assert {path: (r.status_code, r.json()["code"]) for path, r in answers.items()} == dict.fromkeys(
        EDITION_OPERATIONS, (422, "unknown_edition")
    )
    assert answers["/sessions"].json()["errors"] == [
        {"loc": ["query", "edition"], "msg": answers["/sessions"].json()["detail"], "type": "unknown_edition"}
    ]


def test_no_published_edition_is_404_on_every_endpoint_that_needs_one(client):
    answers = {path: client.get(f"/api/v1{path}") for path in [*EDITION_OPERATIONS, "/tickets/availability"]}
    assert {path: (r.status_code, r.json()["code"]) for path, r in answers.items()} == dict.fromkeys(
        answers, (404, "no_edition")
    )


def test_invalid_parameters_answer_422_naming_each_one(client):
    EditionFactory(slug="2027")
    response = client.get("/api/v1/sessions", {"page": "0", "kind": "opera"})
    body = response.json()
    assert (response.status_code, body["code"]) == (422, "invalid")
    assert sorted(tuple(error["loc"]) for error in body["errors"]) == [("query", "kind"), ("query", "page")]
    assert body["detail"].startswith("Invalid request (")
    assert "page" in body["detail"]


def test_a_missing_device_token_answers_401_in_the_error_shape(client):
    response = client.get("/api/v1/checkins/config")
    assert (response.status_code, response.json()) == (
        401,
        {"code": "unauthorized", "detail": "Unauthorized"},
    )


def test_a_rate_limited_pairing_answers_a_documented_429(client):
    pair = next(op for method, path, op in OPERATIONS if path == "/api/v1/devices/pair")
    for _ in range(25):
        response = client.post(
            "/api/v1/devices/pair", {"pairing_code": "WRONG123"}, content_type="application/json"
        )
    assert (response.status_code, response.json()["code"]) == (429, "rate_limited")
    assert 429 in documented(pair)
