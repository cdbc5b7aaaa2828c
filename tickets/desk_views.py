"""The registration desk (staff): register a visitor at the desk, by phone or by post, print the tickets,
and for the post, the letters to post and the letter for a window envelope."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError

from . import documents, services
from .enums import Channel
from .forms import DeskSearchForm, RegistrationForm
from .models import PostalAddress, Registration, Ticket
from .views import PRIVATE_HEADERS, _attach_error, _edition, _pdf_response, _register_from_form

DESK_PERMISSION = "tickets.add_registration"
VIEW_PERMISSION = "tickets.view_registration"


def _desk_register(request: HttpRequest, form: RegistrationForm) -> Registration:
    data = form.cleaned_data
    staff_fields = {"phone": data["phone"], "created_by": request.user}
    if data["address"] is not None:
        return _register_from_form(
            form, register=services.register_by_post, address=data["address"], **staff_fields
        )
    return _register_from_form(form, channel=data["channel"], **staff_fields)


def _found(edition, query: str):
    registrations = Registration.objects.active().filter(edition=edition)
    if query:
        return registrations.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(phone__icontains=query)
        )[:20]
    return registrations.exclude(channel=Channel.ONLINE)[:10]


@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    """Register someone at the desk, by phone or by post: no email needed, tickets printed at once."""
    edition = _edition()
    if edition is None:
        raise Http404
    extra: dict = {}
    if request.method == "POST":
        form = RegistrationForm(request.POST, edition=edition, staff=True)
        if form.is_valid():
            try:
                registration = _desk_register(request, form)
            except DomainError as error:
                extra = _attach_error(form, error)
            else:
                return redirect(reverse("tickets:desk-print", args=[registration.public_id]))
    else:
        form = RegistrationForm(edition=edition, staff=True, initial={"channel": Channel.DESK})
    search = DeskSearchForm(request.GET if "q" in request.GET else None)
    query = search.query()
    context = {
        "form": form,
        "search": search,
        "edition": edition,
        "recent": _found(edition, query),
        "query": query,
        "letters_to_post": len(services.to_post(edition=edition)),
        **extra,
    }
    return render(request, "tickets/desk.html", context)


def _staff_registration(public_id: str) -> Registration:
    return get_object_or_404(
        Registration.objects.active().select_related("edition", "postal_address"),
        public_id=public_id.upper(),
    )


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def desk_print(request: HttpRequest, public_id: str) -> HttpResponse:
    registration = _staff_registration(public_id)
    context = {
        "registration": registration,
        "edition": registration.edition,
        "people": services.people_in(registration),
        "spaces": documents.accessibility_facts(registration.edition),
        "address": PostalAddress.objects.filter(registration=registration).first(),
    }
    return render(request, "tickets/desk_print.html", context)


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def desk_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    return _pdf_response(_staff_registration(public_id))


# ---------------------------------------------------------------- by post


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def to_post(request: HttpRequest) -> HttpResponse:
    """The letters to post, each with its printable letter and a button to mark it posted."""
    edition = _edition()
    if edition is None:
        raise Http404
    context = {
        "edition": edition,
        "letters": services.to_post(edition=edition),
        "posted": services.posted(edition=edition),
    }
    return render(request, "tickets/to_post.html", context)


@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
@require_POST
def mark_posted(request: HttpRequest, public_id: str) -> HttpResponse:
    registration = _staff_registration(public_id)
    try:
        address = services.mark_posted(registration=registration, staff_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        when = date_format(localtime(address.posted_at), "j F Y H:i")
        messages.success(
            request, _("{name}: tickets marked posted on {date}.").format(name=registration.name, date=when)
        )
    return redirect("tickets:to-post")


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def post_letter(request: HttpRequest, public_id: str) -> HttpResponse:
    """The letter for a window envelope, in the visitor's language, with their tickets."""
    registration = _staff_registration(public_id)
    address = PostalAddress.objects.filter(registration=registration).first()
    tickets = list(Ticket.objects.valid_of(registration))
    if address is None or not tickets:
        raise Http404
    pdf = documents.post_letter_pdf(registration=registration, address=address, tickets=tickets)
    response = HttpResponse(pdf, content_type=documents.PDF_MIME, headers=PRIVATE_HEADERS)
    response["Content-Disposition"] = f'inline; filename="letter-{registration.public_id.lower()}.pdf"'
    return response
