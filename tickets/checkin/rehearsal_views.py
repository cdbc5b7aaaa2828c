"""The rehearsal page: an organizer opens a rehearsal of the gates for the current edition (on any date),
issues rehearsal tickets in a few clicks, prints them, and closes the rehearsal, which deletes them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError
from events.models import Edition
from tickets import documents
from tickets.models import Registration, Ticket

from .forms import RehearsalTicketsForm
from .services import rehearsal as rehearsals

REHEARSAL_PERMISSION = "checkin.run_rehearsal"


def _edition_or_404() -> Edition:
    edition = Edition.objects.current()
    if edition is None:
        raise Http404
    return edition


@login_required
@permission_required(REHEARSAL_PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
@never_cache
def rehearsal_page(request: HttpRequest) -> HttpResponse:
    edition = _edition_or_404()
    rehearsal = rehearsals.open_rehearsal_of(edition)
    form = RehearsalTicketsForm(request.POST or None, auto_id="rehearsal-%s")
    if request.method == "POST" and rehearsal is not None and form.is_valid():
        try:
            registration = rehearsals.issue_rehearsal_tickets(
                rehearsal=rehearsal, language=get_language(), **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            count = len(form.cleaned_data["names"])
            messages.success(
                request,
                ngettext(
                    "{count} rehearsal ticket issued for {name}.",
                    "{count} rehearsal tickets issued for {name}.",
                    count,
                ).format(count=count, name=registration.name),
            )
            return redirect("checkin:rehearsal")
    context = {
        "edition": edition,
        "rehearsal": rehearsal,
        "form": form,
        "registrations": rehearsals.rehearsal_registrations(rehearsal) if rehearsal else [],
        "activity": rehearsals.rehearsal_activity(rehearsal) if rehearsal else [],
        "past": edition.rehearsals.exclude(closed_at__isnull=True)[:5],
    }
    return render(request, "checkin/rehearsal.html", context)


@login_required
@permission_required(REHEARSAL_PERMISSION, raise_exception=True)
@require_POST
def rehearsal_open(request: HttpRequest) -> HttpResponse:
    try:
        rehearsals.open_rehearsal(edition=_edition_or_404(), user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Rehearsal open: its tickets are admitted on any day at every gate."))
    return redirect("checkin:rehearsal")


@login_required
@permission_required(REHEARSAL_PERMISSION, raise_exception=True)
@require_POST
def rehearsal_close(request: HttpRequest) -> HttpResponse:
    rehearsal = rehearsals.open_rehearsal_of(_edition_or_404())
    if rehearsal is not None:
        removed = rehearsals.close_rehearsal(rehearsal=rehearsal)
        messages.success(
            request,
            ngettext(
                "Rehearsal closed: {count} rehearsal ticket and its scans deleted.",
                "Rehearsal closed: {count} rehearsal tickets and their scans deleted.",
                removed,
            ).format(count=removed),
        )
    return redirect("checkin:rehearsal")


@login_required
@permission_required(REHEARSAL_PERMISSION, raise_exception=True)
@never_cache
def rehearsal_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    registration = (
        Registration.with_rehearsals.select_related("edition", "rehearsal")
        .filter(public_id=public_id.upper(), rehearsal__closed_at__isnull=True, rehearsal__isnull=False)
        .first()
    )
    if registration is None:
        raise Http404
    tickets = list(
        Ticket.with_rehearsals.filter(registration=registration)
        .select_related("edition")
        .order_by("position")
    )
    pdf = documents.tickets_pdf(registration=registration, tickets=tickets)
    response = HttpResponse(pdf, content_type=documents.PDF_MIME)
    response["Content-Disposition"] = f'inline; filename="rehearsal-{registration.public_id.lower()}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
