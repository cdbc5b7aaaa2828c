"""gunicorn for `make serve` and production: workers from the cores, logs to standard output.

Access lines come from core.logging.RequestLogMiddleware (routes, request ids, nothing personal), so
gunicorn's own access log, which prints raw paths with their tokens, stays off.
"""

import gc
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# The master loads Django and the app once (config/warmup.py) and the workers are forked from it: a worker
# recycled by max_requests costs a fork, not a second start-up in the middle of the gates' rush.
preload_app = True
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
capture_output = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """In the master, after the app is loaded and before the first fork."""
    from config.warmup import warm_up

    warm_up()
    # Keep what the master built out of the garbage collector's reach, so that a worker's collections do
    # not write to (and copy) the pages it shares with the master.
    gc.freeze()
