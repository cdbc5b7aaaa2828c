"""The event's home: where an organizer starts. The chosen edition's days, schools, exhibitors and the
outbox in figures, and a link to every staff tool they may use."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.access import staff_required
from events.models import Edition

from .. import figures
from ..forms import EditionForm, NonceForm, new_nonce
from ..services import actions as services
from ..tools import tools_for


def chosen_edition(request: HttpRequest) -> tuple[EditionForm, Edition | None]:
    """The edition asked for in the query string (?edition=<slug>), else the current one."""
    form = EditionForm(request.GET or None)
    edition = form.cleaned_data["edition"] if form.is_valid() else None
    edition = edition or Edition.objects.current() or Edition.objects.order_by("-starts_on").first()
    if not form.is_bound:
        form = EditionForm(initial={"edition": edition.slug if edition else None})
    return form, edition


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    form, edition = chosen_edition(request)
    context = {"tools": tools_for(request.user), "edition_form": form, "edition": edition}
    if edition is not None:
        context |= {
            "days": figures.day_rows(edition),
            "schools": figures.school_figures(edition),
            "exhibitors": figures.exhibitor_figures(edition),
        }
    context |= {"outbox": figures.outbox_figures(), "nonce": new_nonce()}
    return render(request, "console/home.html", context)


@require_POST
@staff_required("tickets.change_outgoingmail")
def retry_mail(request: HttpRequest) -> HttpResponse:
    form = NonceForm(request.POST)
    nonce = form.cleaned_data["nonce"] if form.is_valid() else ""
    outcome = services.retry_mail(user=request.user, nonce=nonce)
    if not outcome.repeated:
        count = int(outcome.action.details or 0)
        messages.success(
            request,
            ngettext(
                "{n} failed mail will be sent again in a moment.",
                "{n} failed mails will be sent again in a moment.",
                count,
            ).format(n=count),
        )
    else:
        messages.info(request, _("Already done."))
    return redirect("console:home")
