"""What a server process loads before its first request, so that a fresh gunicorn worker answers at once.

gunicorn loads the app in its master (`preload_app`, config/gunicorn.conf.py) and forks the workers from it;
a worker replaced after `max_requests` then starts with everything below already in memory instead of
spending its first requests importing the URL configuration, the API schemas and the catalogs while the
gates are busy. Nothing here opens a database or cache connection: those must be the worker's own.
"""

from django.conf import settings
from django.urls import get_resolver
from django.utils.translation import trans_real


def warm_up() -> None:
    # Importing every URL module also builds the django-ninja API and its pydantic schemas.
    get_resolver().url_patterns  # noqa: B018
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
