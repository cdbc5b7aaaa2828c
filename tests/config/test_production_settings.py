"""With production settings (DEBUG off), responses carry the security headers and check --deploy is clean."""

import json
import subprocess
import sys

PRODUCTION_ENV = {
    "PATH": "/usr/bin:/bin",
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-0123456789-abcdef",
    "TICKET_SIGNING_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    "ALLOWED_HOSTS": "printemps.example.org",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "ACCESS_LOG": "0",
}

PROBE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client(HTTP_HOST="printemps.example.org").get("/healthz", secure=True)
print(json.dumps({k.lower(): v for k, v in response.headers.items()}))
"""


def run_probe() -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=PRODUCTION_ENV, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_responses_carry_security_headers():
    headers = run_probe()
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_check_deploy_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=PRODUCTION_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def _database_options(**env: str) -> str:
    probe = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {probe}"],
        env=PRODUCTION_ENV | {"DATABASE_URL": "postgres://app@db.example.org:5432/printemps"} | env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_postgresql_prepares_the_scan_statements_unless_a_pooler_forbids_it():
    assert _database_options() == "{'prepare_threshold': 5}"
    assert _database_options(DB_PREPARED_STATEMENTS="0") == "{'prepare_threshold': None}"
