"""What the visitor's private pages share (the manage page, its files, the confirmation): the registration
a secret link opens, the headers that keep such pages out of search engines, the link back to them."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Registration

PRIVATE_HEADERS = {"X-Robots-Tag": "noindex, nofollow"}
# The unconfirmed registration whose "check your mailbox" page this browser may see (never its link).
PENDING_SESSION_KEY = "tickets_pending"
# Whether this browser made that registration (or had it already): only then does its page show the places
# held. Someone typing an address that already waits gets its link sent again, never what it holds.
PENDING_OWNED_SESSION_KEY = "tickets_pending_owned"


def private(response: HttpResponse) -> HttpResponse:
    for key, value in PRIVATE_HEADERS.items():
        response[key] = value
    return response


def registration_or_404(public_id: str, token: str) -> Registration:
    if (registration := Registration.objects.by_link(public_id, token)) is None:
        raise Http404
    return registration


def manage_path(registration: Registration) -> str:
    return reverse("tickets:manage", args=[registration.public_id, registration.manage_token])


def tickets_ready(registration: Registration) -> str:
    return _("Your tickets are ready. We have also sent them to {email}.").format(email=registration.email)
