"""Settings of a benchmark run: production settings, behind a (pretend) reverse proxy.

In production the app sits behind a proxy that adds X-Forwarded-For, so the registration form's rate limit
counts each visitor's own address. The load generator plays 1,000 visitors from one machine, so it sends one
address per visitor the same way.
"""

from config.settings import *  # noqa: F403

TICKETS_TRUSTED_PROXY_HOPS = 1
