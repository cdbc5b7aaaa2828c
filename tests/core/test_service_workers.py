"""The offline service workers (gate scanner, stage player): both run the shared core, and the version that
names their cache follows every file they run, the core included."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

from core.service_workers import OFFLINE_CORE, fingerprint

pytestmark = pytest.mark.django_db

WORKERS = [("/fr/scan/sw.js", "/fr/scan/"), ("/en/talks/stage/sw.js", "/en/talks/stage/")]


@pytest.mark.parametrize(("url", "scope"), WORKERS)
def test_worker_imports_the_shared_core_from_the_static_url(client, url, scope):
    response = client.get(url)

    assert response["Service-Worker-Allowed"] == scope
    body = response.content.decode()
    assert 'const OFFLINE_CORE = "/static/js/offline-sw-core.js";\n' in body
    assert body.index("const OFFLINE_CORE") < body.index("importScripts(OFFLINE_CORE);")
    assert 'self.addEventListener("install"' not in body  # the core registers install and activate


@pytest.mark.parametrize(("url", "scope"), WORKERS)
def test_worker_script_may_load_the_core_under_the_csp(client, url, scope):
    policy = client.get(url)["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert finders.find(OFFLINE_CORE) is not None


@pytest.mark.parametrize("worker", ["js/scanner/sw.js", "js/talks/stage-sw.js"])
def test_fingerprint_changes_with_the_shared_core(settings, tmp_path, worker):
    settings.DEBUG = True  # the fingerprint is read again on every call
    before = fingerprint(worker)
    (tmp_path / "js").mkdir()
    (tmp_path / OFFLINE_CORE).write_text("// another core\n", encoding="utf-8")
    static_dirs = settings.STATICFILES_DIRS
    settings.STATICFILES_DIRS = [tmp_path, *static_dirs]
    changed = fingerprint(worker)
    settings.STATICFILES_DIRS = static_dirs

    assert (len(changed), changed != before) == (16, True)
    assert fingerprint(worker) == before  # and back, so no later test sees the other core's version
