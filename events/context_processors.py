from django.conf import settings
from django.http import HttpRequest

from .models import Edition


def site(request: HttpRequest) -> dict:
    """What every page's header and footer need: the organizers' contacts and the current edition."""
    return {"organizer": settings.ORGANIZER, "current_edition": Edition.objects.current()}
