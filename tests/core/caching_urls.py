"""Views under test for tests/config/test_caching.py (mounted with @pytest.mark.urls)."""

import threading
import time

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_POST

from core.caching import PROGRAMME, cache_public_page
from events.models import Theme

PAGE = engines["django"].from_string(
    '<body hx-headers=\'{"x-csrftoken": "{{ csrf_token }}"}\'>'
    "{% for theme in themes %}<p>{{ theme.name }}</p>{% endfor %}"
    "<p>{{ language }} {{ htmx }} {{ query }}</p></body>"
)


@cache_public_page
def themes(request):
    context = {
        "themes": list(Theme.objects.order_by("slug")),
        "language": get_language(),
        "htmx": request.headers.get("HX-Request", "full"),
        "query": request.GET.get("q", ""),
    }
    return HttpResponse(PAGE.render(context, request))


def themes_etag(request):
    return "-".join(Theme.objects.order_by("slug").values_list("name", flat=True))


@cache_public_page
@condition(etag_func=themes_etag)
def feed(request):
    return HttpResponse(themes_etag(request), content_type="text/calendar")


@cache_public_page
def sets_cookie(request):
    response = HttpResponse(str(Theme.objects.count()))
    response.set_cookie("seen", "1")
    return response


@cache_public_page
def missing(request):
    return HttpResponse(str(Theme.objects.count()), status=404)


class Slow:
    """A page that needs no database: which rendering of which content it is; each rendering takes a while
    (tests/core/test_single_flight.py)."""

    content = "v1"
    renderings = 0
    seconds = 0.2
    while_rendering = None  # called during a rendering (a change made meanwhile)
    lock = threading.Lock()

    @classmethod
    def reset(cls, content: str = "v1") -> None:
        cls.content, cls.renderings, cls.seconds, cls.while_rendering = content, 0, 0.2, None


@cache_public_page(areas=(PROGRAMME,))
def slow(request):
    content = Slow.content
    with Slow.lock:
        Slow.renderings += 1
    if Slow.while_rendering is not None:
        Slow.while_rendering()
    time.sleep(Slow.seconds)
    return HttpResponse(content)


@require_POST
def submit(request):
    return HttpResponse("accepted")


urlpatterns = [
    path("themes/", themes),
    path("feed.ics", feed),
    path("cookie/", sets_cookie),
    path("missing/", missing),
    path("submit/", submit),
    path("slow/", slow),
]
