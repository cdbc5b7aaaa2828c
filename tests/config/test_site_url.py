"""SITE_URL: set, it wins; in development it follows the port the server runs on (`make run PORT=8311`)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import site_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("environ", "debug", "expected"),
    [
        ({}, True, "http://127.0.0.1:8000"),
        ({"PORT": "8311"}, True, "http://127.0.0.1:8311"),
        (
            {"PORT": "8311", "SITE_URL": "https://printemps.example.org/"},
            True,
            "https://printemps.example.org",
        ),
        ({"PORT": "8311"}, False, "http://127.0.0.1:8000"),  # production names its site itself
        ({"SITE_URL": "https://printemps.example.org"}, False, "https://printemps.example.org"),
    ],
)
def test_site_url(environ, debug, expected):
    assert site_url(environ, debug=debug) == expected


def test_settings_read_the_port_in_development():
    probe = "from django.conf import settings; print(settings.SITE_URL)"
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "1", "PORT": "8311", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "http://127.0.0.1:8311"


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="needs make")
def test_make_run_passes_the_port_to_django():
    result = subprocess.run(
        [MAKE, "-n", "run", "PORT=8311"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    django_lines = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert any("load_demo" in line for line in django_lines)
    assert all("PORT=8311" in line for line in django_lines)
