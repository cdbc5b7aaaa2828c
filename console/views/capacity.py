"""Capacity in context: each day's capacity beside the places registered, held and left; a capacity is
changed here under the day's lock and never below the places already issued."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.access import staff_required
from core.errors import DomainError
from events.models import Day

from .. import figures
from ..forms import CapacityForm, EditionForm, new_nonce
from ..services import actions as services


def _page(request: HttpRequest, *, errors: dict | None = None) -> HttpResponse:
    edition_form, edition = EditionForm.from_query(request.GET)
    rows = figures.day_rows(edition) if edition else []
    errors = errors or {}
    for row in rows:
        row.form = errors.get(row.day.pk) or CapacityForm(
            initial={"capacity": row.capacity, "nonce": new_nonce()}, prefix=f"day{row.day.pk}"
        )
    context = {"edition": edition, "edition_form": edition_form, "rows": rows, "has_errors": bool(errors)}
    return render(request, "console/capacity.html", context)


@require_http_methods(["GET", "POST"])
@staff_required("events.view_day")
def capacity(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    if not request.user.has_perm("events.change_day"):
        raise PermissionDenied
    day_id = request.POST.get("day", "")
    if not day_id.isdigit():
        raise Http404
    day = get_object_or_404(Day, pk=int(day_id))
    form = CapacityForm(request.POST, prefix=f"day{day.pk}")
    if form.is_valid():
        try:
            outcome = services.set_capacity(user=request.user, day=day, **form.cleaned_data)
        except DomainError as error:
            form.add_error("capacity", error.message)
        else:
            if not outcome.repeated:
                messages.success(request, _("The capacity is changed."))
            return redirect(request.get_full_path())
    return _page(request, errors={day.pk: form})
