from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language


def organizer_for(language: str | None) -> dict:
    """The organizers' contacts, their postal address in `language` where it has its own (Brussels names its
    streets in French and in Dutch; English pages use the French names, as the city's English signs do)."""
    organizer = dict(settings.ORGANIZER)
    if (language or "").startswith("nl"):
        organizer["street"] = organizer.get("street_nl") or organizer["street"]
        organizer["city"] = organizer.get("city_nl") or organizer["city"]
    return organizer


def site(request: HttpRequest) -> dict:
    """What every page's header and footer need: the organizers' contacts."""
    return {"organizer": organizer_for(get_language())}
