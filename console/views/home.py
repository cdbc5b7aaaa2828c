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

from .. import figures
from ..forms import EditionForm, NonceForm, new_nonce
from ..services import actions as services
from ..tools import tools_for


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    form, edition = EditionForm.from_query(request.GET)
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
