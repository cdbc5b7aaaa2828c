"""The staff badge as a document: what it shows, its PDF, and the PDF of a badge mail made when it is sent.

Reads models only; nothing here writes.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

from tickets.pdf import render_pdf
from tickets.qr import qr_svg

from .models import SetupPeriod, StaffMember, Stand

# How queued badge mail names its PDF's renderer, staff_badge_pdf below (stored in the outbox: keep it).
STAFF_BADGE_PDF = "exhibitors.documents.staff_badge_pdf"


def badge_context(*, staff: StaffMember) -> dict:
    ticket = staff.ticket
    exhibitor = staff.exhibitor
    edition = exhibitor.edition
    stand = Stand.objects.filter(exhibitor=exhibitor).select_related("hall").first()
    code = ticket.signed_code()
    return {
        "staff": staff,
        "ticket": ticket,
        "exhibitor": exhibitor,
        "edition": edition,
        "stand": stand,
        "days": list(edition.days.all()),
        "setup_periods": list(SetupPeriod.objects.filter(edition=edition)),
        "qr": qr_svg(code, title=gettext("Badge code of {name}").format(name=staff.name)),
        "code": code,
    }


def badge_pdf(*, staff: StaffMember, language: str | None = None) -> bytes:
    language = language or staff.language
    with translation.override(language):
        context = badge_context(staff=staff)
    return render_pdf("exhibitors/badge_pdf.html", context, language=language)


def badge_filename(staff: StaffMember) -> str:
    return f"badge-{staff.ticket.public_id}.pdf"


def staff_badge_pdf(staff_id: str) -> bytes | None:
    """The badge PDF of a staff member as they are now (a mail attachment made when the mail is sent, so
    never inside the registration's transaction); None once the staff member has been removed."""
    staff = (
        StaffMember.objects.select_related("ticket", "exhibitor__edition").filter(pk=int(staff_id)).first()
    )
    return None if staff is None else badge_pdf(staff=staff)
