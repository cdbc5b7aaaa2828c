from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.clients import client_address
from core.errors import DomainError
from core.ratelimit import TooManyRequests
from events.models import Edition

from . import conf, documents, privacy, ratelimit, services
from .enums import TicketStatus, WaitingStatus
from .exceptions import (
    AlreadyRegistered,
    DayFull,
    DayNotAvailable,
    EmailLimitReached,
    NoDayChosen,
    TooManyPeople,
    WindowFull,
    WindowRequired,
)
from .forms import (
    CompanionForm,
    DeleteForm,
    EmailForm,
    RegistrationForm,
    WaitingListForm,
    email_check,
)
from .models import Registration, Ticket, WaitingListEntry
from .private_pages import PENDING_OWNED_SESSION_KEY, PENDING_SESSION_KEY, PRIVATE_HEADERS, tickets_ready
from .private_pages import manage_path as _manage_url
from .private_pages import private as _private
from .private_pages import registration_or_404 as _registration


def _edition() -> Edition | None:
    return Edition.objects.current()


def _attach_error(form: RegistrationForm, error: DomainError) -> dict:
    """Put a domain error next to the field it concerns; returns extra context for the template."""
    extra: dict = {}
    day_pk = error.details.get("day")
    if isinstance(error, DayFull):
        day = next((d for d in form.day_list if d.pk == day_pk), None)
        label = form.fields["days"].choices and dict(form.fields["days"].choices).get(str(day_pk), "")
        form.add_error(
            "days",
            _("{day} is full: not enough places left for your group.").format(day=label)
            + " "
            + _("Join the waiting list or choose another day."),
        )
        extra["full_day"] = day
    elif isinstance(error, WindowFull):
        window_pk = error.details.get("arrival_window")
        field = next(
            (
                name
                for pk, name in form.window_fields.items()
                if any(
                    w.pk == window_pk
                    for w in next(d for d in form.day_list if d.pk == pk).arrival_windows.all()
                )
            ),
            "days",
        )
        form.add_error(field, error.message)
    elif isinstance(error, WindowRequired):
        form.add_error(form.window_fields.get(day_pk, "days"), error.message)
    elif isinstance(error, (DayNotAvailable, NoDayChosen)):
        form.add_error("days", error.message)
    elif isinstance(error, TooManyPeople):
        form.add_error("companions", error.message)
    elif isinstance(error, AlreadyRegistered):
        form.add_error("email", error.message)
        extra["already_registered"] = True
    elif isinstance(error, EmailLimitReached):
        form.add_error("email", error.message)
    else:
        form.add_error(None, error.message)
    return extra


def _register_from_form(form: RegistrationForm, *, register=None, **staff_fields) -> Registration:
    """Register what a valid registration form holds (the visitor's, or the desk's with `staff_fields`,
    through `register` when it is another service than services.register)."""
    data = form.cleaned_data
    services.offer_freed_places(days=data["chosen_days"])  # the waiting list first, as everywhere
    return (register or services.register)(
        edition=form.edition,
        days=data["chosen_days"],
        name=data["name"],
        email=data["email"],
        language=data["language"],
        postal_code=data["postal_code"],
        companions=data["companion_names"],
        accessibility_needs=data["accessibility_needs"],
        accessibility_consent=data["accessibility_consent"],
        arrival_windows=data["windows"],
        confirm_by_mail=not form.staff and form.edition.registration_confirms_email,
        **staff_fields,
    )


def _remember_pending(request: HttpRequest, registration: Registration, *, made_now: bool) -> None:
    """The registration whose "check your mailbox" page this browser sees; with its places only when this
    browser made it (or had it already), not when an address already waiting was typed again."""
    owned = made_now or (
        request.session.get(PENDING_SESSION_KEY) == registration.pk
        and request.session.get(PENDING_OWNED_SESSION_KEY, False)
    )
    request.session[PENDING_SESSION_KEY] = registration.pk
    request.session[PENDING_OWNED_SESSION_KEY] = owned


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    edition = _edition()
    if edition is None or not edition.registration_is_open():
        return render(request, "tickets/register_closed.html", {"edition": edition})
    extra: dict = {}
    wait = 0
    if request.method == "POST":
        form = RegistrationForm(request.POST, edition=edition)
        wait = ratelimit.over_limit(request, form, "register")
        if not wait and form.is_valid():
            started = timezone.now()
            try:
                registration = _register_from_form(form, news_opt_in=form.cleaned_data["news_opt_in"])
            except DomainError as error:
                extra = _attach_error(form, error)
            else:
                if not registration.is_confirmed:  # its places are held until the address is confirmed
                    _remember_pending(request, registration, made_now=registration.created_at >= started)
                    return redirect("tickets:check-mail")
                messages.success(request, tickets_ready(registration))
                return redirect(_manage_url(registration))
    else:
        services.offer_freed_places(days=services.public_days(edition))  # someone looks: time-freed places
        initial = {}
        if request.GET.get("day"):
            initial["days"] = [request.GET["day"]]
        form = RegistrationForm(edition=edition, initial=initial)
    return ratelimit.refused_if(
        wait, render(request, "tickets/register.html", {"form": form, "edition": edition, **extra})
    )


@require_POST
def check_email(request: HttpRequest) -> HttpResponse:
    """htmx: say at once when an email address is not valid (never whether it is registered), or suggest
    the common domain it was probably meant to have."""
    return render(request, "tickets/_email_check.html", email_check(request.POST.get("email", "")))


@require_GET
def places(request: HttpRequest) -> HttpResponse:
    """htmx: places left on the chosen days for the chosen group size (and the full list without JS)."""
    edition = _edition()
    if edition is None:
        raise Http404
    try:
        people = 1 + max(0, min(int(request.GET.get("companions", 0)), conf.max_companions()))
    except ValueError:
        people = 1
    chosen = set(request.GET.getlist("days"))
    days = [day for day in services.public_days(edition) if not chosen or str(day.pk) in chosen]
    places = services.places_left_of_days(days)
    rows = [{"day": day, "places_left": places[day.pk], "fits": places[day.pk] >= people} for day in days]
    template = "tickets/_places.html" if request.htmx else "tickets/places.html"
    return render(request, template, {"rows": rows, "people": people, "edition": edition})


# ---------------------------------------------------------------- the visitor's own pages


def _resend(request: HttpRequest, registration: Registration) -> str:
    ratelimit.limit_address(request, "mails")  # the client address's limit, beside the registration's
    services.resend_confirmation(registration=registration)
    return _("We have sent your tickets again to {email}.").format(email=registration.email)


def _remove_companion(request: HttpRequest, registration: Registration) -> str:
    services.remove_companion(registration=registration, position=int(request.POST.get("position", 0)))
    return _("That person's tickets are cancelled; their places are free again.")


def _cancel_ticket(request: HttpRequest, registration: Registration) -> str:
    ticket = get_object_or_404(Ticket, registration=registration, public_id=request.POST.get("ticket", ""))
    services.cancel_tickets(registration=registration, tickets=[ticket])
    return _("The ticket is cancelled; its place is free again.")


def _cancel_all(request: HttpRequest, registration: Registration) -> str:
    services.cancel_tickets(registration=registration)
    return _("All your tickets are cancelled. Thank you for freeing the places.")


def _news_off(request: HttpRequest, registration: Registration) -> str:
    services.withdraw_news_consent(registration=registration)
    return _("Done: we will not send you news any more.")


def _new_link(request: HttpRequest, registration: Registration) -> str:
    ratelimit.limit_address(request, "mails")  # the client address's limit, beside the registration's
    services.regenerate_manage_link(registration=registration)
    return _("The old link no longer works. Here is your new page; we have emailed its link.")


# The manage page's actions without a form of their own: each returns the message that says it is done.
MANAGE_ACTIONS = {
    "resend": _resend,
    "remove_companion": _remove_companion,
    "cancel_ticket": _cancel_ticket,
    "cancel_all": _cancel_all,
    "news_off": _news_off,
    "new_link": _new_link,
}


def _manage_post(request: HttpRequest, registration: Registration, forms: dict) -> HttpResponse | None:
    """Do the posted action; None when the page must show again with a form's errors."""
    action = request.POST.get("action", "")
    try:
        if action == "add_companion":
            forms["companion_form"] = form = CompanionForm(request.POST)
            if form.is_valid():
                services.add_companion(registration=registration, **form.cleaned_data)
                messages.success(request, _("The new person's tickets are below."))
                return redirect(_manage_url(registration))
        elif action == "delete":
            forms["delete_form"] = form = DeleteForm(request.POST)
            if form.is_valid():
                privacy.erase_registration(registration=registration)
                return _private(render(request, "tickets/deleted.html"))
        elif action in MANAGE_ACTIONS:
            messages.success(request, MANAGE_ACTIONS[action](request, registration))
        else:
            raise Http404
    except ValueError as error:
        raise Http404 from error
    except TooManyRequests:
        raise  # the page is shown again with the refusal and 429
    except DomainError as error:
        messages.error(request, error.message)
    if any(form.is_bound for form in forms.values()):
        return None  # show the errors below
    return redirect(_manage_url(registration))


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, public_id: str, token: str) -> HttpResponse:
    registration = _registration(public_id, token)
    if not registration.is_confirmed:
        return redirect("tickets:confirm", registration.public_id, token)
    forms = {"companion_form": CompanionForm(), "delete_form": DeleteForm()}
    wait = 0
    if request.method == "POST":
        try:
            response = _manage_post(request, registration, forms)
        except TooManyRequests as error:
            messages.error(request, error.message)
            wait, response = error.retry_after, None
        if response is not None:
            return response
    people = services.people_in(registration)
    cancelled = list(Ticket.objects.of_registration(registration).filter(status=TicketStatus.CANCELLED))
    days = sorted({t.day for p in people for t in p["tickets"]}, key=lambda d: d.date)
    context = {
        "registration": registration,
        "edition": registration.edition,
        "people": people,
        "days": days,
        "cancelled": cancelled,
        **forms,
        "can_add": len(people) and len(people) <= conf.max_companions(),
        "spaces": documents.accessibility_facts(registration.edition),
        "manage_url": _manage_url(registration),
    }
    return _private(ratelimit.refused_if(wait, render(request, "tickets/manage.html", context)))


@never_cache
@require_GET
def tickets_pdf(request: HttpRequest, public_id: str, token: str) -> HttpResponse:
    registration = _registration(public_id, token)
    return _pdf_response(registration)


def _pdf_response(registration: Registration) -> HttpResponse:
    tickets = list(Ticket.objects.valid_of(registration))
    if not tickets:
        raise Http404
    pdf = documents.tickets_pdf(registration=registration, tickets=tickets)
    response = HttpResponse(pdf, content_type=documents.PDF_MIME, headers=PRIVATE_HEADERS)
    response["Content-Disposition"] = f'inline; filename="{documents.pdf_filename(registration)}"'
    return response


@never_cache
@require_GET
def visit_ics(request: HttpRequest, public_id: str, token: str) -> HttpResponse:
    registration = _registration(public_id, token)
    days = sorted({t.day for t in Ticket.objects.valid_of(registration)}, key=lambda d: d.date)
    if not days:
        raise Http404
    body = documents.visit_calendar(registration=registration, days=days, language=request.LANGUAGE_CODE)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8", headers=PRIVATE_HEADERS)
    response["Content-Disposition"] = (
        f'attachment; filename="printemps-numerique-{registration.edition.slug}.ics"'
    )
    return response


@never_cache
@require_GET
def data_json(request: HttpRequest, public_id: str, token: str) -> HttpResponse:
    registration = _registration(public_id, token)
    body = json.dumps(privacy.export_data(registration=registration), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8", headers=PRIVATE_HEADERS)
    response["Content-Disposition"] = f'attachment; filename="my-data-{registration.public_id.lower()}.json"'
    return response


@require_http_methods(["GET", "POST"])
def lost(request: HttpRequest) -> HttpResponse:
    """ "Lost my tickets": the same answer whether or not the address is known."""
    wait = 0
    if request.method == "POST":
        form = EmailForm(request.POST)
        per_day = ("tickets:lost:address-day", client_address(request), conf.lost_limit())
        wait = ratelimit.over_limit(request, form, "lost", per_day)
        if not wait and form.is_valid():
            services.send_manage_links(email=form.cleaned_data["email"])
            return render(request, "tickets/lost_sent.html", {"email": form.cleaned_data["email"]})
    else:
        form = EmailForm(initial={"email": request.GET.get("email", "")})
    return ratelimit.refused_if(wait, render(request, "tickets/lost.html", {"form": form}))


# ---------------------------------------------------------------- waiting list


@require_http_methods(["GET", "POST"])
def waiting_join(request: HttpRequest) -> HttpResponse:
    edition = _edition()
    if edition is None or not edition.registration_is_open():
        return render(request, "tickets/register_closed.html", {"edition": edition})
    wait = 0
    if request.method == "POST":
        form = WaitingListForm(request.POST, edition=edition)
        wait = ratelimit.over_limit(request, form, "register")
        if not wait and form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.join_waiting_list(
                    day=data["day_obj"],
                    name=data["name"],
                    email=data["email"],
                    language=data["language"],
                    places=data["places"],
                )
            except DomainError as error:
                field = {"places_available": "day", "day_not_available": "day", "too_many_people": "places"}
                form.add_error(field.get(error.code, "email"), error.message)
            else:
                messages.success(request, _("You are on the waiting list. We have sent you a confirmation."))
                return redirect(reverse("tickets:waiting-entry", args=[entry.public_id, entry.token]))
    else:
        initial = {"day": request.GET.get("day", ""), "places": request.GET.get("places", 1)}
        form = WaitingListForm(edition=edition, initial=initial)
    services.offer_freed_places(days=form.day_list)  # someone looks: time-freed places move on first
    places = services.places_left_of_days(form.day_list)
    rows = [{"day": d, "places_left": places[d.pk]} for d in form.day_list]
    context = {"form": form, "edition": edition, "rows": rows}
    return ratelimit.refused_if(wait, render(request, "tickets/waiting_join.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def waiting_entry(request: HttpRequest, public_id: str, token: str) -> HttpResponse:
    entry = (
        WaitingListEntry.objects.select_related("day__edition", "arrival_window")
        .filter(public_id=public_id.upper())
        .exclude(email="")
        .first()
    )
    if entry is None or not entry.check_token(token):
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "leave":
                services.leave_waiting_list(entry=entry)
                messages.success(request, _("You have left the waiting list."))
            elif action == "claim":
                registration = services.claim_offer(entry=entry)
                messages.success(request, _("Your tickets are ready. We have also sent them by email."))
                return redirect(_manage_url(registration))
            else:
                raise Http404
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(reverse("tickets:waiting-entry", args=[entry.public_id, entry.token]))
    context = {
        "entry": entry,
        "edition": entry.day.edition,
        "position": services.position_in_line(entry) if entry.status == WaitingStatus.WAITING else None,
    }
    return _private(render(request, "tickets/waiting_entry.html", context))
