from __future__ import annotations

import csv
from collections import OrderedDict

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.models import Edition, Theme

from . import documents, services
from .enums import BookingStatus, Channel, Language, Level, SlotStatus
from .exceptions import BookingError
from .forms import BookingForm, HeadcountForm, LevelForm, SlotForm, StaffBookingForm
from .models import BookedSlot, ClassBooking, WorkshopSlot

BOOKING_FIELDS = [
    "slots",
    "school_name",
    "school_address",
    "school_postal_code",
    "school_city",
    "school_network",
    "teacher_name",
    "teacher_email",
    "teacher_mobile",
    "class_name",
    "pupils",
    "adults",
    "special_needs",
    "language",
    "channel",
]


def _edition() -> Edition:
    edition = Edition.objects.current()
    if edition is None:
        raise Http404
    return edition


def places_text(left: int) -> str:
    if left <= 0:
        return _("Full: waiting list")
    return ngettext("{n} place left", "{n} places left", left).format(n=left)


# --- the catalogue --------------------------------------------------------------------------------------


def _catalogue_filters(request: HttpRequest, edition: Edition) -> dict:
    get = request.GET
    level = get.get("level", "")
    language = get.get("language", "")
    theme = get.get("theme", "")
    start = get.get("time", "")
    day = get.get("day", "")
    return {
        "level": level if level in Level.values else "",
        "language": language if language in Language.values else "",
        "theme": theme if edition.themes.filter(slug=theme).exists() else "",
        "time": start if len(start) == 5 and start[2] == ":" and start.replace(":", "").isdigit() else "",
        "day": day if day.isdigit() else "",
    }


def catalogue_slots(edition: Edition, filters: dict):
    slots = (
        WorkshopSlot.objects.filter(day__edition=edition)
        .with_places()
        .select_related("workshop", "space", "day")
        .prefetch_related("workshop__themes")
    )
    if filters.get("level"):
        slots = slots.for_level(filters["level"])
    if filters.get("language"):
        slots = slots.filter(language=filters["language"])
    if filters.get("theme"):
        slots = slots.filter(workshop__themes__slug=filters["theme"])
    if filters.get("time"):
        slots = slots.filter(starts_at=filters["time"])
    if filters.get("day"):
        slots = slots.filter(day_id=filters["day"])
    return slots.order_by("workshop__position", "workshop__slug", "day__date", "starts_at", "pk")


def catalogue(request: HttpRequest) -> HttpResponse:
    edition = _edition()
    filters = _catalogue_filters(request, edition)
    groups: OrderedDict = OrderedDict()
    for slot in catalogue_slots(edition, filters):
        slot.places_label = places_text(slot.places_left)
        groups.setdefault(slot.workshop, []).append(slot)
    all_slots = WorkshopSlot.objects.filter(day__edition=edition)
    context = {
        "edition": edition,
        "settings": services.settings_for(edition),
        "filters": filters,
        "groups": list(groups.items()),
        "levels": Level.choices,
        "languages": Language.choices,
        "themes": Theme.objects.filter(workshops__edition=edition).distinct(),
        "times": sorted({s.strftime("%H:%M") for s in all_slots.values_list("starts_at", flat=True)}),
        "days": edition.days.filter(workshop_slots__isnull=False).distinct(),
        "filter_query": "&".join(f"{k}={v}" for k, v in filters.items() if v),
        "poll_seconds": getattr(django_settings, "SCHOOLS_PLACES_POLL_SECONDS", 20),
    }
    template = (
        "schools/catalogue.html#results"
        if request.htmx and not request.htmx.boosted
        else "schools/catalogue.html"
    )
    return render(request, template, context)


@require_GET
def places(request: HttpRequest) -> JsonResponse:
    """Places left per slot, with the words in the page's language, for the catalogue's live update."""
    edition = _edition()
    data = {
        str(slot.pk): {"left": max(slot.places_left, 0), "label": places_text(slot.places_left)}
        for slot in WorkshopSlot.objects.filter(day__edition=edition).with_places().only("pk", "capacity")
    }
    return JsonResponse({"slots": data}, headers={"Cache-Control": "no-store"})


# --- booking --------------------------------------------------------------------------------------------


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


def _add_booking_error(form, error: BookingError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _grouped_by_time(slots) -> list[tuple[str, list]]:
    groups: OrderedDict = OrderedDict()
    for slot in slots:
        slot.places_label = places_text(slot.places_left)
        key = f"{slot.day.date:%Y-%m-%d} {slot.starts_at:%H:%M}"
        groups.setdefault(key, (slot.day, slot.starts_at, []))[2].append(slot)
    return list(groups.values())


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, *, staff: bool = False) -> HttpResponse:
    edition = _edition()
    school_settings = services.settings_for(edition)
    source = request.POST if request.method == "POST" else request.GET
    level_form = LevelForm(source if source.get("level") is not None else None)
    level = source.get("level") if source.get("level") in Level.values else ""
    language = request.GET.get("language", "")
    if language not in Language.values:
        language = ""
    waitlist_slot = None
    if source.get("waitlist", "").isdigit():
        waitlist_slot = (
            WorkshopSlot.objects.filter(day__edition=edition, pk=source["waitlist"])
            .with_places()
            .select_related("workshop", "space", "day")
            .first()
        )
    preselected = [int(x) for x in request.GET.getlist("slot") if x.isdigit()]
    form_class = StaffBookingForm if staff else BookingForm
    is_open = staff or school_settings.is_open()
    form = None
    if level:
        if request.method == "POST":
            form = form_class(request.POST, edition=edition)
            if form.is_valid():
                school, klass = _booking_kwargs(form.cleaned_data)
                try:
                    booking = services.book_class(
                        school=school,
                        klass=klass,
                        slots=list(form.cleaned_data["slots"]),
                        waitlist=waitlist_slot is not None,
                        channel=form.cleaned_data.get("channel", Channel.ONLINE),
                        staff=staff,
                    )
                except BookingError as error:
                    _add_booking_error(form, error)
                else:
                    if staff:
                        messages.success(
                            request, _("Booking entered and confirmed; the teacher gets the mail.")
                        )
                        return redirect("schools:organizer-overview")
                    request.session["schools_booking"] = booking.pk
                    return redirect("schools:booking-sent")
        else:
            form = form_class(
                initial={
                    "level": level,
                    "slots": [waitlist_slot.pk] if waitlist_slot else preselected,
                    "language": request.LANGUAGE_CODE,
                    "school_network": "nl" if request.LANGUAGE_CODE == "nl" else "fr",
                },
                edition=edition,
            )
    available = services.slots_for_booking(edition=edition, level=level, language=language) if level else []
    if form is not None and form.is_bound and level:
        chosen = {str(v) for v in request.POST.getlist("slots")}
    elif form is not None:
        chosen = {str(v) for v in form.initial.get("slots", [])}
    else:
        chosen = set()
    context = {
        "edition": edition,
        "settings": school_settings,
        "is_open": is_open,
        "level_form": level_form if level else LevelForm(initial={"level": level, "language": language}),
        "level": level,
        "level_label": Level(level).label if level else "",
        "language": language,
        "form": form,
        "slot_groups": _grouped_by_time(available) if level and not waitlist_slot else [],
        "waitlist_slot": waitlist_slot,
        "chosen": chosen,
        "staff": staff,
        "adults_hint": _(
            "At least one adult per {primary} pupils in primary and one per {secondary} in secondary."
        ).format(
            primary=school_settings.pupils_per_adult_primary,
            secondary=school_settings.pupils_per_adult_secondary,
        ),
        "error_fields": [(name, form[name]) for name in BOOKING_FIELDS if form and name in form.errors]
        if form
        else [],
    }
    return render(request, "schools/book.html", context)


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
        except BookingError as exc:
            error = exc.message
        else:
            messages.success(request, _("Thank you: your booking is confirmed. We sent you the PDF by mail."))
            return redirect("schools:manage", token=booking.manage_token)
    return render(
        request,
        "schools/confirm.html",
        {"booking": booking, "rows": services.booking_rows(booking), "error": error},
    )


# --- managing a booking ---------------------------------------------------------------------------------


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
        except BookingError as error:
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
        except BookingError as error:
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
        except BookingError as error:
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
    except BookingError as error:
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


# --- organizers -----------------------------------------------------------------------------------------


def _organizer(perm: str = "schools.view_classbooking"):
    return user_passes_test(
        lambda u: u.is_active and u.is_staff and u.has_perm(perm), login_url="admin:login"
    )


def _slot_rows(slot_filter: Q):
    return (
        WorkshopSlot.objects.filter(slot_filter)
        .with_places()
        .select_related("workshop", "space", "day")
        .annotate(
            waiting_count=Count(
                "booked_slots", filter=Q(booked_slots__status=SlotStatus.WAITING), distinct=True
            ),
            requested_count=Count(
                "booked_slots", filter=Q(booked_slots__status=SlotStatus.REQUESTED), distinct=True
            ),
        )
        .order_by("day__date", "starts_at", "space__position")
    )


@_organizer()
def organizer_overview(request: HttpRequest) -> HttpResponse:
    edition = _edition()
    slots = list(_slot_rows(Q(day__edition=edition)))
    for slot in slots:
        slot.fill_rate = round(100 * slot.pupils_taken / slot.capacity) if slot.capacity else 0
    totals = ClassBooking.objects.filter(edition=edition).aggregate(
        confirmed=Count("pk", filter=Q(status=BookingStatus.CONFIRMED)),
        held=Count("pk", filter=Q(status=BookingStatus.HELD)),
        schools=Count("school", filter=Q(status=BookingStatus.CONFIRMED), distinct=True),
    )
    leaders = sorted({slot.leader for slot in slots})
    return render(
        request,
        "schools/organizer_overview.html",
        {
            "edition": edition,
            "slots": slots,
            "totals": totals,
            "leaders": leaders,
            "settings": services.settings_for(edition),
        },
    )


def _slot_bookings(slot: WorkshopSlot):
    rows = (
        BookedSlot.objects.filter(slot=slot)
        .exclude(status=SlotStatus.CANCELLED)
        .select_related("booking__school")
        .order_by("status", "waiting_since", "draw_rank", "pk")
    )
    now = timezone.now()
    counting = [
        r
        for r in rows
        if r.pk in set(BookedSlot.objects.filter(slot=slot).taking_places(now).values_list("pk", flat=True))
    ]
    waiting = [r for r in rows if r.status == SlotStatus.WAITING]
    others = [r for r in rows if r not in counting and r not in waiting]
    return counting, waiting, others


@_organizer()
def organizer_slot(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(_slot_rows(Q()), pk=slot_id)
    counting, waiting, others = _slot_bookings(slot)
    return render(
        request,
        "schools/organizer_slot.html",
        {"slot": slot, "counting": counting, "waiting": waiting, "others": others},
    )


def _sheet(slot: WorkshopSlot, rows: list) -> dict:
    return {
        "slot": slot,
        "rows": rows,
        "pupils": sum(r.booking.pupils for r in rows),
        "adults": sum(r.booking.adults for r in rows),
    }


@_organizer()
def attendance_slot(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(WorkshopSlot.objects.select_related("workshop", "space", "day"), pk=slot_id)
    rows = (
        BookedSlot.objects.filter(
            slot=slot, status=SlotStatus.RESERVED, booking__status=BookingStatus.CONFIRMED
        )
        .select_related("booking__school")
        .order_by("booking__school__name", "booking__class_name")
    )
    sheets = [_sheet(slot, list(rows))]
    return render(request, "schools/attendance.html", {"sheets": sheets, "title": slot.workshop.title})


@_organizer()
def attendance_leader(request: HttpRequest) -> HttpResponse:
    edition = _edition()
    leader = request.GET.get("leader", "")
    slots = [
        s
        for s in WorkshopSlot.objects.filter(day__edition=edition).select_related("workshop", "space", "day")
        if s.leader == leader
    ]
    if not slots:
        raise Http404
    rows = (
        BookedSlot.objects.filter(
            slot__in=slots, status=SlotStatus.RESERVED, booking__status=BookingStatus.CONFIRMED
        )
        .select_related("booking__school")
        .order_by("booking__school__name", "booking__class_name")
    )
    by_slot: dict[int, list] = {s.pk: [] for s in slots}
    for row in rows:
        by_slot[row.slot_id].append(row)
    sheets = [_sheet(s, by_slot[s.pk]) for s in slots]
    return render(request, "schools/attendance.html", {"sheets": sheets, "title": leader})


@_organizer()
def bookings_csv(request: HttpRequest) -> HttpResponse:
    edition = _edition()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="school-bookings-{edition.slug}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            "booking",
            "status",
            "channel",
            "school",
            "postal_code",
            "network",
            "teacher",
            "email",
            "mobile",
            "class",
            "level",
            "pupils",
            "adults",
            "special_needs",
            "day",
            "workshop",
            "start",
            "end",
            "room",
            "language",
            "place",
            "ticket",
            "created_at",
            "confirmed_at",
        ]
    )
    rows = (
        BookedSlot.objects.filter(booking__edition=edition)
        .select_related("booking__school", "booking__ticket", "slot__workshop", "slot__space", "slot__day")
        .order_by("booking__pk", "slot__starts_at")
    )
    for row in rows:
        b = row.booking
        writer.writerow(
            _cell(value)
            for value in [
                b.pk,
                b.status,
                b.channel,
                b.school.name,
                b.school.postal_code,
                b.school.network,
                b.teacher_name,
                b.teacher_email,
                b.teacher_mobile,
                b.class_name,
                b.level,
                b.pupils,
                b.adults,
                b.special_needs.replace("\n", " "),
                f"{row.slot.day.date:%Y-%m-%d}",
                row.slot.workshop.title,
                f"{row.slot.starts_at:%H:%M}",
                f"{row.slot.ends_at:%H:%M}",
                row.slot.space.name,
                row.slot.language,
                row.status,
                b.ticket.public_id if b.ticket else "",
                timezone.localtime(b.created_at).isoformat(timespec="minutes"),
                timezone.localtime(b.confirmed_at).isoformat(timespec="minutes") if b.confirmed_at else "",
            ]
        )
    return response


def _cell(value):
    """Text typed by teachers never starts a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@_organizer("schools.add_classbooking")
def organizer_book(request: HttpRequest) -> HttpResponse:
    return book(request, staff=True)
