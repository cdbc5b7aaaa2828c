"""Settings of a benchmark run: production settings, behind a (pretend) reverse proxy, plus the baseline view.

In production the app sits behind a proxy that adds X-Forwarded-For, so the registration form's rate limit
counts each visitor's own address. The load generator plays 1,000 visitors from one machine, so it sends one
address per visitor the same way. bench/urls.py adds the benchmarks' baseline view to the site's URLs.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
TRUSTED_PROXY_HOPS = 1
