"""The one client address: REMOTE_ADDR without a proxy, the trusted proxy's entry behind one, IPv6 by /64."""

import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from core.clients import bucket, client_address


def request(remote: str, forwarded: str = ""):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("address", "counted"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("not an address", "not an address"),
    ],
)
def test_bucket(address, counted):
    assert bucket(address) == counted


def test_without_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_only_its_entry_counts(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(request("10.0.0.1", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"
    assert client_address(request("10.0.0.1", "2001:db8::5")) == "2001:db8::/64"
    assert client_address(request("10.0.0.1")) == "10.0.0.1"


def test_the_former_setting_name_still_works():
    """TICKETS_TRUSTED_PROXY_HOPS, the variable's former name, still sets the hops."""
    env = {k: v for k, v in os.environ.items() if k not in {"TRUSTED_PROXY_HOPS", "DATABASE_URL"}}
    env.update(DEBUG="1", TICKETS_TRUSTED_PROXY_HOPS="2")
    code = "import config.settings as s; print(s.TRUSTED_PROXY_HOPS)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "2"
