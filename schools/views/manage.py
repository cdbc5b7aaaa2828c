"""The teacher's page of a class's booking (reached by the secret link in every mail) and its changes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError

from .. import documents, services
from ..enums import SlotStatus
from ..forms import HeadcountForm, SlotForm
from ..models import BookedSlot, ClassBooking, WorkshopSlot


def _booking(token: str) -> ClassBooking:
    return get_object_or_404(
        ClassBooking.objects.select_related("school", "day", "edition", "ticket"), manage_token=token
    )


def _manage_context(booking: ClassBooking, **forms) -> dict:
    school_settings = services.settings_for(booking.edition)
    rows = services.booking_rows(booking)
    mine = {row.slot_id for row in rows}
    alternatives = [
        slot
        for slot in services.slots_for_booking(
            edition=booking.edition, level=booking.level, day_id=booking.day_id
        )
        if slot.pk not in mine and slot.places_left >= booking.pupils
    ]
    full = [
        slot
        for slot in WorkshopSlot.objects.filter(day=booking.day)
        .for_level(booking.level)
        .with_places()
        .select_related("workshop", "space", "day")
        if slot.pk not in mine and slot.places_left < booking.pupils
    ]
    swap_forms = {
        row.pk: forms.get(f"swap_{row.pk}")
        or SlotForm(edition=booking.edition, choices=alternatives, prefix=f"swap{row.pk}")
        for row in rows
        if row.status in (SlotStatus.RESERVED, SlotStatus.REQUESTED)
    }
    for row in rows:
        row.swap_form = swap_forms.get(row.pk)
    add_form = forms.get("add") or SlotForm(edition=booking.edition, choices=alternatives, prefix="add")
    add_form.fields["new_slot"].label = _("Workshop with room for your class")
    waitlist_form = forms.get("waitlist") or SlotForm(edition=booking.edition, choices=full, prefix="wait")
    waitlist_form.fields["new_slot"].label = _("Full workshop")
    return {
        "booking": booking,
        "rows": rows,
        "settings": school_settings,
        "can_change": booking.is_active and school_settings.is_open(),
        "headcount_form": forms.get("headcount")
        or HeadcountForm(initial={"pupils": booking.pupils, "adults": booking.adults}),
        "add_form": add_form,
        "waitlist_form": waitlist_form,
        "has_alternatives": bool(alternatives),
        "has_full": bool(full),
        "now": timezone.now(),
        "page_error": forms.get("page_error"),
    }


def manage(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    return render(request, "schools/manage.html", _manage_context(booking))


def _after_change(request, booking, message):
    messages.success(request, message)
    return redirect("schools:manage", token=booking.manage_token)


@require_POST
def manage_headcount(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    form = HeadcountForm(request.POST)
    if form.is_valid():
        try:
            services.change_headcount(
                booking=booking, pupils=form.cleaned_data["pupils"], adults=form.cleaned_data["adults"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _after_change(request, booking, _("The headcount is changed. We sent you the new PDF."))
    return render(request, "schools/manage.html", _manage_context(booking, headcount=form))


@require_POST
def manage_add(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    waitlist = request.POST.get("waitlist") == "1"
    prefix = "wait" if waitlist else "add"
    form = SlotForm(request.POST, edition=booking.edition, prefix=prefix)
    if form.is_valid():
        try:
            services.add_slot(booking=booking, slot=form.cleaned_data["new_slot"], waitlist=waitlist)
        except DomainError as error:
            form.add_error("new_slot", error.message)
        else:
            return _after_change(
                request,
                booking,
                _("Your class is on the waiting list. We will write as soon as a place is free.")
                if waitlist
                else _("The workshop is added to your class's booking."),
            )
    return render(
        request, "schools/manage.html", _manage_context(booking, **{"waitlist" if waitlist else "add": form})
    )


@require_POST
def manage_swap(request: HttpRequest, token: str, row_id: int) -> HttpResponse:
    booking = _booking(token)
    row = get_object_or_404(BookedSlot, pk=row_id, booking=booking)
    form = SlotForm(request.POST, edition=booking.edition, prefix=f"swap{row.pk}")
    if form.is_valid():
        try:
            services.swap_slot(booked=row, new_slot=form.cleaned_data["new_slot"])
        except DomainError as error:
            form.add_error("new_slot", error.message)
        else:
            return _after_change(
                request, booking, _("The workshop is swapped. We sent you the new schedule.")
            )
    return render(request, "schools/manage.html", _manage_context(booking, **{f"swap_{row.pk}": form}))


@require_POST
def manage_drop(request: HttpRequest, token: str, row_id: int) -> HttpResponse:
    booking = _booking(token)
    row = get_object_or_404(BookedSlot, pk=row_id, booking=booking)
    services.cancel_booked_slot(booked=row)
    return _after_change(request, booking, _("Done: the places go to the classes on the waiting list."))


@require_POST
def manage_accept(request: HttpRequest, token: str, row_id: int) -> HttpResponse:
    booking = _booking(token)
    row = get_object_or_404(BookedSlot, pk=row_id, booking=booking)
    try:
        services.accept_offer(booked=row)
    except DomainError as error:
        return render(request, "schools/manage.html", _manage_context(booking, page_error=error.message))
    return _after_change(request, booking, _("The place is yours. We sent you the new schedule."))


@require_http_methods(["GET", "POST"])
def manage_cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    if request.method == "POST" and booking.is_active:
        services.cancel_booking(booking=booking)
        return _after_change(
            request, booking, _("Your booking is cancelled. Thank you for freeing the places.")
        )
    return render(
        request, "schools/manage_cancel.html", {"booking": booking, "rows": services.booking_rows(booking)}
    )


def booking_pdf(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    if not (booking.is_confirmed and booking.ticket and booking.ticket.is_valid):
        raise Http404
    response = HttpResponse(documents.class_pdf(booking), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.pdf_filename(booking)}"'
    return response


def booking_ics(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    body = documents.class_ics(booking)
    etag = f'"schools-{booking.pk}-{booking.sequence}-{booking.status}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304, headers={"ETag": etag})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{documents.ics_filename(booking)}"'
    response["ETag"] = etag
    return response
