"""The registrations list: search and filters as one queryset, the headcount per day annotated, so a page
of any size costs the same few queries."""

from __future__ import annotations

import contextlib

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Replace

from events.models import Day, Edition
from tickets import codes
from tickets.enums import TicketStatus
from tickets.models import Registration, Ticket, WaitingListEntry

from .forms import RegistrationStatus

MIN_TICKET_DIGITS = 6


def _ticket_condition(text: str) -> Q | None:
    """A ticket number as printed (groups of four, any case) or a whole signed code read from a QR."""
    compact = "".join(text.split()).upper().replace("-", "")
    condition = None
    if len(compact) == codes.CODE_LENGTH:
        with contextlib.suppress(codes.InvalidCode):
            condition = Q(public_id=codes.decode(compact).ticket_id_text)
    if condition is None and len(compact) >= MIN_TICKET_DIGITS and compact.isalnum():
        condition = Q(public_id__startswith=compact)
    return condition


def search_condition(text: str) -> Q:
    text = " ".join(text.split())
    condition = Q(name__icontains=text) | Q(email__icontains=text) | Q(public_id=text.upper())
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
    if len(digits) >= 4 and len(digits) * 2 >= len(text.replace(" ", "")):
        condition |= Q(phone_digits__contains=digits)  # 0470 12 34 56 finds +32 470/12.34.56
    if len(text) <= 10:
        condition |= Q(postal_code__iexact=text)
    tickets = _ticket_condition(text)
    if tickets is not None:
        condition |= Exists(Ticket.objects.filter(tickets, registration=OuterRef("pk")))
    return condition


def _phone_digits():
    phone = "phone"
    for separator in (" ", ".", "/", "-", "(", ")"):
        phone = Replace(phone, Value(separator), Value(""))
    return phone


def registrations(edition: Edition, filters: dict) -> QuerySet[Registration]:
    queryset = Registration.objects.filter(edition=edition).select_related("edition")
    queryset = queryset.alias(phone_digits=_phone_digits())
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(search_condition(text))
    valid = Ticket.objects.filter(registration=OuterRef("pk"), status=TicketStatus.VALID)
    if day := filters.get("day"):
        queryset = queryset.filter(Exists(valid.filter(day=day)))
    if channel := filters.get("channel"):
        queryset = queryset.filter(channel=channel)
    status = filters.get("status")
    if status == RegistrationStatus.ACTIVE:
        queryset = queryset.filter(Exists(valid), anonymized_at__isnull=True)
    elif status == RegistrationStatus.CANCELLED:
        queryset = queryset.filter(~Exists(valid), anonymized_at__isnull=True)
    elif status == RegistrationStatus.ANONYMIZED:
        queryset = queryset.filter(anonymized_at__isnull=False)
    if filters.get("needs"):
        queryset = queryset.exclude(accessibility_needs="")
    if filters.get("waiting"):
        queryset = queryset.filter(Exists(WaitingListEntry.objects.filter(registration=OuterRef("pk"))))
    return queryset.order_by("-created_at", "-pk")


def with_headcounts(queryset: QuerySet[Registration], days: list[Day]) -> QuerySet[Registration]:
    """`people_<day id>`: valid tickets per day; `valid_tickets`: all of them."""
    valid = Q(tickets__status=TicketStatus.VALID)
    counts = {f"people_{day.pk}": Count("tickets", filter=valid & Q(tickets__day=day)) for day in days}
    return queryset.annotate(valid_tickets=Count("tickets", filter=valid), **counts)


def headcount_rows(page, days: list[Day]) -> list[tuple[Registration, list[int]]]:
    return [
        (registration, [getattr(registration, f"people_{day.pk}") for day in days]) for registration in page
    ]
