"""Booking a class: its level first, then its workshops and details; the teacher's confirmation."""

from __future__ import annotations

from collections import OrderedDict

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.clients import client_address
from core.errors import DomainError

from .. import services
from ..enums import Channel, Language, Level
from ..forms import BookingForm, LevelForm, StaffBookingForm
from ..models import ClassBooking, WorkshopSlot
from .common import current_edition, places_text


def _booking_kwargs(data: dict) -> tuple[services.SchoolData, services.ClassData]:
    school = services.SchoolData(
        name=data["school_name"],
        address=data["school_address"],
        postal_code=data["school_postal_code"],
        city=data.get("school_city", ""),
        network=data["school_network"],
    )
    klass = services.ClassData(
        teacher_name=data["teacher_name"],
        teacher_email=data["teacher_email"],
        teacher_mobile=data["teacher_mobile"],
        class_name=data["class_name"],
        level=data["level"],
        pupils=data["pupils"],
        adults=data["adults"],
        special_needs=data.get("special_needs", ""),
        language=data["language"],
    )
    return school, klass


def _add_booking_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _grouped_by_time(slots) -> list[tuple[str, list]]:
    groups: OrderedDict = OrderedDict()
    for slot in slots:
        slot.places_label = places_text(slot.places_left)
        key = f"{slot.day.date:%Y-%m-%d} {slot.starts_at:%H:%M}"
        groups.setdefault(key, (slot.day, slot.starts_at, []))[2].append(slot)
    return list(groups.values())


def _waitlist_slot(edition, value: str) -> WorkshopSlot | None:
    """The full slot whose waiting list the teacher asked to join, if any."""
    if not value.isdigit():
        return None
    return (
        WorkshopSlot.objects.filter(day__edition=edition, pk=value)
        .with_places()
        .select_related("workshop", "space", "day")
        .first()
    )


def _booking_wait(request: HttpRequest, form) -> int:
    """Each online booking mails the teacher a confirmation link: count it per client address and per
    teacher e-mail (core.ratelimit, as every public form); the seconds to wait past either limit, else 0."""
    return ratelimit.form_over_limit(
        form,
        ("schools:book:address", client_address(request), settings.SCHOOLS_BOOKING_RATE_LIMIT),
        ("schools:book:email", form.cleaned_data["teacher_email"].lower(), settings.SCHOOLS_MAILS_LIMIT),
    )


def _submit(request: HttpRequest, form, *, waitlist_slot, staff: bool) -> HttpResponse | None:
    """Book from a bound form; None when the form (now with its errors) is shown again."""
    if not form.is_valid():
        return None
    school, klass = _booking_kwargs(form.cleaned_data)
    try:
        booking = services.book_class(
            school=school,
            klass=klass,
            slots=list(form.cleaned_data["slots"]),
            waitlist=waitlist_slot is not None,
            channel=form.cleaned_data.get("channel", Channel.ONLINE),
            staff=staff,
            client_address=client_address(request),
        )
    except DomainError as error:
        _add_booking_error(form, error)
        return None
    if staff:
        messages.success(request, _("Booking entered and confirmed; the teacher gets the mail."))
        return redirect("schools:organizer-overview")
    request.session["schools_booking"] = booking.pk
    return redirect("schools:booking-sent")


def _initial(request: HttpRequest, level: str, waitlist_slot) -> dict:
    preselected = [int(x) for x in request.GET.getlist("slot") if x.isdigit()]
    return {
        "level": level,
        "slots": [waitlist_slot.pk] if waitlist_slot else preselected,
        "language": request.LANGUAGE_CODE,
        "school_network": "nl" if request.LANGUAGE_CODE == "nl" else "fr",
    }


def _chosen(request: HttpRequest, form) -> set[str]:
    if form is None:
        return set()
    if form.is_bound:
        return {str(v) for v in request.POST.getlist("slots")}
    return {str(v) for v in form.initial.get("slots", [])}


def _book_context(request: HttpRequest, edition, *, form, level: str, language: str, **values) -> dict:
    school_settings = values["settings"]
    available = services.slots_for_booking(edition=edition, level=level, language=language) if level else []
    return {
        "edition": edition,
        "is_open": values["staff"] or school_settings.is_open(),
        "level": level,
        "level_label": Level(level).label if level else "",
        "language": language,
        "form": form,
        "slot_groups": _grouped_by_time(available) if level and not values["waitlist_slot"] else [],
        "chosen": _chosen(request, form),
        **values,
    }


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, *, staff: bool = False) -> HttpResponse:
    """The booking form: the class's level first (GET), then its workshops and details (POST)."""
    edition = current_edition()
    source = request.POST if request.method == "POST" else request.GET
    level = source.get("level") if source.get("level") in Level.values else ""
    language = request.GET.get("language", "")
    if language not in Language.values:
        language = ""
    waitlist_slot = _waitlist_slot(edition, source.get("waitlist", ""))
    form, wait = None, 0
    if level:
        form_class = StaffBookingForm if staff else BookingForm
        if request.method == "POST":
            form = form_class(request.POST, edition=edition)
            wait = _booking_wait(request, form) if form.is_valid() and not staff else 0
            done = None if wait else _submit(request, form, waitlist_slot=waitlist_slot, staff=staff)
            if done is not None:
                return done
        else:
            form = form_class(initial=_initial(request, level, waitlist_slot), edition=edition)
    level_form = (
        LevelForm(source, staff=staff)
        if level
        else LevelForm(initial={"level": level, "language": language}, staff=staff)
    )
    context = _book_context(
        request,
        edition,
        form=form,
        level=level,
        language=language,
        settings=services.settings_for(edition),
        level_form=level_form,
        waitlist_slot=waitlist_slot,
        staff=staff,
    )
    return ratelimit.refused_if(wait, render(request, "schools/book.html", context))


def booking_sent(request: HttpRequest) -> HttpResponse:
    booking = (
        ClassBooking.objects.filter(pk=request.session.get("schools_booking"))
        .select_related("school")
        .first()
    )
    if booking is None:
        return redirect("schools:catalogue")
    return render(
        request, "schools/booking_sent.html", {"booking": booking, "rows": services.booking_rows(booking)}
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links; only a person confirms); POST confirms."""
    booking = get_object_or_404(
        ClassBooking.objects.select_related("school", "day", "edition"), confirm_token=token
    )
    error = None
    if booking.is_confirmed:
        return redirect("schools:manage", token=booking.manage_token)
    if request.method == "POST":
        try:
            services.confirm_booking(booking=booking)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Thank you: your booking is confirmed. We sent you the PDF by mail."))
            return redirect("schools:manage", token=booking.manage_token)
    return render(
        request,
        "schools/confirm.html",
        {"booking": booking, "rows": services.booking_rows(booking), "error": error},
    )
