"""The error pages (400, 403, 404, 500) wired as `handler400`... in `config/urls.py`.

Each is drawn in the site's layout, in the language the request was answered in, and gives the organizers'
phone number and address and a link home, so nobody is left at a dead end. They are rendered from a plain
context (the organizers' contacts from settings, no context processor), so they read no session and no
database: the 500 page must show even when the database is what failed. They never echo the path asked
for (it may hold a secret, like a manage link's token): the header's language links lead to each language's
home page.
None of them may raise: if the template itself fails, a short plain page in the same language answers.
"""

import logging
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .context_processors import organizer_for

logger = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500)


def error_page(request: HttpRequest, status: int) -> HttpResponse:
    """The `<status>.html` page, or the plain fallback if drawing it fails; never raises."""
    try:
        context = {"request": at_home(), "organizer": organizer_for(get_language())}
        html = render_to_string(f"{status}.html", context)
    except Exception:
        logger.exception("The %s page could not be drawn; the plain page answers instead", status)
        html = plain_page()
    return HttpResponse(html, status=status)


def at_home() -> SimpleNamespace:
    """The request as the header's language links read it: the home page, with no query string."""
    return SimpleNamespace(path=reverse("events:home"), GET=QueryDict())


def plain_page() -> str:
    """A page with no template, no URL reversing and no database: what is left when all else failed."""
    try:
        language = get_language() or settings.LANGUAGE_CODE
        organizer = organizer_for(language)
        return format_html(
            '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head><body>'
            '<main><h1>{}</h1><p>{}</p><p>{}</p><p>{}: {}, {}, {}</p><p><a href="/{}/">{}</a></p></main>'
            "</body></html>",
            language,
            _("Something went wrong"),
            _("Something went wrong"),
            _("Sorry, something went wrong on our side. Please try again in a few minutes."),
            _("You can also call us on %(phone)s: a person will help you.") % {"phone": organizer["phone"]},
            _("Postal address"),
            organizer["name"],
            organizer["street"],
            organizer["city"],
            language,
            _("Back to the home page"),
        )
    except Exception:  # settings or catalogues broken: still answer something
        logger.exception("The plain error page failed too")
        return "<!DOCTYPE html><title>Error</title><h1>Error</h1>"
