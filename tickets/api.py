"""Public read-only API of the tickets app: the days visitors may book and the places left."""

from django.db.models import Sum
from ninja import Router

from core.errors import error_responses
from events.services import edition_named

from .models import WaitingListEntry
from .schemas import RegistrationWindowOut
from .services import places_left, places_left_of_days, public_days

router = Router(tags=["tickets"])


@router.get(
    "/availability",
    response={200: RegistrationWindowOut, **error_responses(400, 404)},
    summary="Days open to the public, with places left",
)
def availability(request):
    edition = edition_named(None)
    days = []
    open_days = public_days(edition)
    places = places_left_of_days(open_days)
    for day in open_days:
        left = places[day.pk]
        waiting = WaitingListEntry.objects.filter(day=day).in_line().aggregate(total=Sum("places"))["total"]
        days.append(
            {
                "id": day.pk,
                "date": day.date,
                "opens_at": day.opens_at,
                "closes_at": day.closes_at,
                "public_from": day.public_from,
                "capacity": day.capacity,
                "places_left": left,
                "full": left == 0,
                "people_waiting": waiting or 0,
                "arrival_windows": [
                    {
                        "id": w.pk,
                        "starts_at": w.starts_at,
                        "ends_at": w.ends_at,
                        "places_left": places_left(day=day, arrival_window=w),
                    }
                    for w in day.arrival_windows.all()
                ],
            }
        )
    return {
        "edition": edition.slug,
        "registration_open": edition.registration_is_open(),
        "registration_opens_at": edition.registration_opens_at,
        "registration_closes_at": edition.registration_closes_at,
        "days": days,
    }
