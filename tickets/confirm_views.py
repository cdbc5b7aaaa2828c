"""The pages of the e-mail confirmation: "check your mailbox" after the public form, and the page the mail's
link opens, whose button issues the tickets (services/confirmation.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.errors import DomainError
from core.ratelimit import TooManyRequests

from . import ratelimit, services
from .exceptions import HoldLapsed
from .models import Registration
from .private_pages import (
    PENDING_OWNED_SESSION_KEY,
    PENDING_SESSION_KEY,
    manage_path,
    private,
    registration_or_404,
    tickets_ready,
)


def _hold_context(registration: Registration) -> dict:
    holds = list(registration.place_holds.select_related("day", "arrival_window").order_by("day__date"))
    return {
        "registration": registration,
        "edition": registration.edition,
        "holds": holds,
        "people": holds[0].places if holds else 1,
        "held_until": timezone.localtime(registration.hold_expires_at)
        if registration.hold_expires_at
        else None,
        "lapsed": registration.hold_expires_at is not None and registration.hold_expires_at <= timezone.now(),
    }


def _resend(request: HttpRequest, registration: Registration) -> int:
    """Mail the link again; the seconds to wait when a limit refuses (its message then on the page)."""
    try:
        ratelimit.limit_address(request, "mails")
        services.send_confirm_link(registration=registration)
    except TooManyRequests as error:
        messages.error(request, error.message)
        return error.retry_after
    messages.success(request, _("We have sent the link again to {email}.").format(email=registration.email))
    return 0


@never_cache
@require_http_methods(["GET", "POST"])
def check_mail(request: HttpRequest) -> HttpResponse:
    """After the public form: the places are held until HH:MM; what to do when no mail comes."""
    registration = (
        Registration.objects.active()
        .select_related("edition")
        .filter(pk=request.session.get(PENDING_SESSION_KEY) or 0)
        .first()
    )
    if registration is None:
        return redirect("tickets:register")
    wait = 0
    if request.method == "POST" and not registration.is_confirmed:
        wait = _resend(request, registration)
        if not wait:
            return redirect("tickets:check-mail")
    context = _hold_context(registration)
    if not request.session.get(PENDING_OWNED_SESSION_KEY, False):  # an address typed again, not its own
        context |= {"holds": [], "held_until": None, "lapsed": False}
    response = render(request, "tickets/check_mail.html", context)
    return private(ratelimit.refused_if(wait, response))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, public_id: str, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links; only a person confirms); POST issues the tickets.

    Each POST counts against the client address's limit before the link is even looked up, so a flood of
    guessed links is refused (429, when to try again, whom to call) as every public form's is."""
    if request.method == "POST":
        try:
            ratelimit.limit_address(request, "confirm")
        except TooManyRequests as error:
            response = render(request, "429.html", {"message": error.message}, status=429)
            return private(ratelimit.refused_if(error.retry_after, response))
    registration = registration_or_404(public_id, token)
    if registration.is_confirmed:
        return redirect(manage_path(registration))
    error = None
    if request.method == "POST":
        try:
            registration = services.confirm_registration(registration=registration)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, tickets_ready(registration))
            return redirect(manage_path(registration))
    context = _hold_context(registration) | {"error": error, "full": isinstance(error, HoldLapsed)}
    return private(render(request, "tickets/confirm.html", context, status=409 if error else 200))
