"""Views under test for tests/config/test_caching.py (mounted with @pytest.mark.urls)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_POST

from core.caching import cache_public_page
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


@require_POST
def submit(request):
    return HttpResponse("accepted")


urlpatterns = [
    path("themes/", themes),
    path("feed.ics", feed),
    path("cookie/", sets_cookie),
    path("missing/", missing),
    path("submit/", submit),
]
