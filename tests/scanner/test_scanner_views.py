"""The scanner's shell: the page in each language, its web app manifest and its service worker."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from tickets.checkin import scanner_views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "admitted"),
    [
        ("fr", "Scanner des entrées – Printemps Numérique", "Admis"),
        ("nl", "Toegangsscanner – Digitale Lente", "Toegelaten"),
        ("en", "Gate scanner – Printemps Numérique", "Admitted"),
    ],
)
def test_scan_page_in_each_language(client, language, title, admitted):
    response = client.get(f"/{language}/scan/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<title>{title}</title>" in html
    assert f'<link rel="manifest" href="/{language}/scan/manifest.webmanifest">' in html
    strings = json.loads(html.split('id="scanner-strings" type="application/json">')[1].split("</script>")[0])
    assert strings["admitted"] == admitted
    config = json.loads(html.split('id="scanner-config" type="application/json">')[1].split("</script>")[0])
    assert config["serviceWorker"] == f"/{language}/scan/sw.js"
    assert config["scope"] == f"/{language}/scan/"
    assert config["api"] == "/api/v1/"
    # No inline script runs: the data travels as JSON, the code as a module file.
    assert '<script type="module" src="/static/js/scanner/main.js"></script>' in html
    assert "onclick" not in html
    assert "{#" not in html
    assert "{%" not in html


def test_manifest_is_installable_and_scoped_to_the_language(client):
    response = client.get("/nl/scan/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Toegangsscanner van Digitale Lente"
    assert manifest["start_url"] == "/nl/scan/"
    assert manifest["scope"] == "/nl/scan/"
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"any", "192x192", "512x512"}


def test_service_worker_precaches_the_page_and_its_modules(client):
    response = client.get("/fr/scan/sw.js")

    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/fr/scan/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    precache = json.loads(body.split("const PRECACHE = ")[1].split(";\n")[0])
    assert precache[:2] == ["/fr/scan/", "/fr/scan/manifest.webmanifest"]
    for module in ("main", "api", "store", "verify", "camera", "feedback", "ui"):
        assert f"/static/js/scanner/{module}.js" in precache
    assert "/static/css/scan.css" in precache
    assert 'const SCOPE = "/fr/scan/";' in body
    assert "/api/" not in precache


def test_service_worker_version_changes_with_the_language(client):
    def version(language):
        body = client.get(f"/{language}/scan/sw.js").content.decode()
        return body.split("const VERSION = ")[1].split(";")[0]

    assert version("fr").endswith('-fr"')
    assert version("nl").endswith('-nl"')
    assert version("fr")[:-4] == version("nl")[:-4]


def test_every_scanner_module_is_precached():
    """The service worker caches the modules listed; one left out would break the scanner offline."""
    folder = Path(settings.BASE_DIR) / "static" / "js" / "scanner"
    modules = {f"js/scanner/{path.name}" for path in folder.glob("*.js") if path.name != "sw.js"}
    assert modules == set(scanner_views.SCANNER_MODULES)
