"""What the visitor receives: the PDF tickets, the calendar file and the mails (through the outbox).

Reads models only: the services decide, then call these to say it. `registration_pdf` is the mail
attachment made when the mail is sent, registered under REGISTRATION_PDF by TicketsConfig.ready().
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Day

from . import conf, envelopes
from .mail import (
    ComposedMail,
    RenderedWhenSent,
    queue_composed_mail,
    queue_templated_mail,
    render_templated_mail,
)
from .models import OutgoingMail, Registration, Ticket, WaitingListEntry
from .pdf import render_pdf

PDF_MIME = "application/pdf"
# Stored in queued mail (MailAttachment.render_key): the name must stay the same while mail may be queued.
REGISTRATION_PDF = "tickets.documents.registration_pdf"
# Stored in queued mail (OutgoingMail.compose_key), under the same rule.
MANAGE_LINKS = "tickets.documents.manage_links"
CONFIRM_LINK = "tickets.documents.confirm_link"


def absolute(path: str) -> str:
    return conf.site_url() + path


def manage_url(registration: Registration, *, language: str | None = None) -> str:
    with translation.override(language or registration.language):
        return absolute(reverse("tickets:manage", args=[registration.public_id, registration.manage_token]))


def confirm_url(registration: Registration, *, language: str | None = None) -> str:
    with translation.override(language or registration.language):
        return absolute(reverse("tickets:confirm", args=[registration.public_id, registration.manage_token]))


def waiting_url(entry: WaitingListEntry, *, language: str | None = None) -> str:
    with translation.override(language or entry.language):
        return absolute(reverse("tickets:waiting-entry", args=[entry.public_id, entry.token]))


def accessibility_facts(edition) -> list:
    return list(edition.spaces.all())


def ticket_context(*, registration: Registration, tickets: Sequence[Ticket]) -> dict:
    edition = registration.edition
    return {
        "registration": registration,
        "tickets": list(tickets),
        "edition": edition,
        "spaces": accessibility_facts(edition),
        "organizer": settings.ORGANIZER,
    }


def tickets_pdf(*, registration: Registration, tickets: Sequence[Ticket]) -> bytes:
    """One ticket per page: QR, name, day, opening hours, address, transport, accessibility."""
    return render_pdf(
        "tickets/pdf/tickets.html",
        ticket_context(registration=registration, tickets=tickets),
        language=registration.language,
    )


def post_letter_pdf(*, registration: Registration, address, tickets: Sequence[Ticket]) -> bytes:
    """The letter for a window envelope (DL or C5/6): the address where the window shows it, a few words
    in the visitor's language, then the tickets two by two in the panels of the A4 folded in three, so no
    fold crosses a QR code."""
    left, top, right, bottom = envelopes.address_zone()
    panels = [list(tickets[i : i + 2]) for i in range(0, len(tickets), 2)]
    context = ticket_context(registration=registration, tickets=tickets) | {
        "address": address,
        "zone": {"left": left, "top": top, "width": right - left, "height": bottom - top},
        "fold": envelopes.FOLD_MM,
        "pages": [panels[i : i + 3] for i in range(0, len(panels), 3)],
        "days": sorted({t.day for t in tickets if t.day is not None}, key=lambda d: d.date),
        "people": len({t.position for t in tickets}),
    }
    return render_pdf("tickets/pdf/post_letter.html", context, language=registration.language)


def registration_pdf(registration_id: str) -> bytes | None:
    """The PDF of a registration's valid tickets as they are now (a mail attachment made when sent)."""
    registration = Registration.objects.select_related("edition").filter(pk=int(registration_id)).first()
    if registration is None:
        return None
    tickets = list(Ticket.objects.valid_of(registration))
    return tickets_pdf(registration=registration, tickets=tickets) if tickets else None


def pdf_filename(registration: Registration) -> str:
    return f"tickets-{registration.edition.slug}-{registration.public_id.lower()}.pdf"


def visit_calendar(*, registration: Registration, days: Sequence[Day], language: str) -> bytes:
    """An iCalendar file with one event per day of the visit, in Europe/Brussels time."""
    from icalendar import Calendar, Event  # slow to import: only where a calendar is made

    edition = registration.edition
    calendar = Calendar()
    calendar.add("prodid", "-//Printemps Numerique//Tickets//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    with translation.override(language):
        for day in days:
            event = Event()
            event.add("uid", f"visit-{registration.public_id}-{day.date:%Y%m%d}@printemps-numerique.brussels")
            event.add("dtstamp", dt.datetime.now(dt.UTC))
            event.add("dtstart", day.at(day.public_opens_at))
            event.add("dtend", day.ends)
            event.add("summary", edition.name)
            event.add("location", f"{edition.venue_name}, {edition.venue_address}")
            lines = [
                translation.gettext("Your tickets and how to manage them:"),
                manage_url(registration, language=language),
            ]
            if edition.getting_there:
                lines += ["", edition.getting_there]
            event.add("description", "\n".join(lines))
            event.add("url", manage_url(registration, language=language))
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _mail_context(registration: Registration, tickets: Sequence[Ticket]) -> dict:
    days = sorted({t.day for t in tickets if t.day is not None}, key=lambda d: d.date)
    return {
        "registration": registration,
        "edition": registration.edition,
        "tickets": list(tickets),
        "days": days,
        "people": len({t.position for t in tickets}),
        "manage_url": manage_url(registration),
        "organizer": settings.ORGANIZER,
    }


def queue_confirmation(*, registration: Registration, tickets: Sequence[Ticket]) -> OutgoingMail | None:
    """The confirmation, its tickets PDF rendered when the mail is sent: not in the visitor's request when
    an outbox worker sends the mail (MAIL_SEND_AFTER_COMMIT off)."""
    pdf = RenderedWhenSent(REGISTRATION_PDF, str(registration.pk))
    attachments = [(pdf_filename(registration), pdf, PDF_MIME)]
    return queue_templated_mail(
        to=registration.email,
        language=registration.language,
        template="tickets/mail/confirmation",
        context=_mail_context(registration, tickets),
        attachments=attachments,
    )


def queue_reminder(
    *, registration: Registration, day: Day, tickets: Sequence[Ticket], pdf: bytes, dedupe_key: str
) -> OutgoingMail | None:
    context = _mail_context(registration, tickets) | {
        "day": day,
        "spaces": accessibility_facts(registration.edition),
    }
    return queue_templated_mail(
        to=registration.email,
        language=registration.language,
        template="tickets/mail/reminder",
        context=context,
        attachments=[(pdf_filename(registration), pdf, PDF_MIME)],
        dedupe_key=dedupe_key,
    )


def _manage_links_context(registrations: Sequence[Registration], *, language: str) -> dict:
    links = [
        {"registration": r, "edition": r.edition, "url": manage_url(r, language=language)}
        for r in registrations
    ]
    return {"links": links, "organizer": settings.ORGANIZER}


def queue_manage_links(*, email: str, registrations: Sequence[Registration]) -> OutgoingMail | None:
    language = registrations[0].language
    return queue_templated_mail(
        to=email,
        language=language,
        template="tickets/mail/manage_link",
        context=_manage_links_context(registrations, language=language),
    )


def manage_links(email: str) -> ComposedMail | None:
    """The "lost my tickets" mail, made by the outbox sender (MANAGE_LINKS): the links of every registration
    of the address in an edition not over yet; None, and no mail, when there is none."""
    registrations = list(
        Registration.objects.for_email(email)
        .filter(edition__ends_on__gte=timezone.localdate())
        .select_related("edition")
    )
    if not registrations:
        return None
    language = registrations[0].language
    return render_templated_mail(
        language=language,
        template="tickets/mail/manage_link",
        context=_manage_links_context(registrations, language=language),
    )


def queue_confirm_link(*, registration: Registration) -> OutgoingMail:
    """The mail that asks an online visitor to confirm their address: made by the outbox sender
    (CONFIRM_LINK), so asking again costs the request one insert and never builds the mail."""
    return queue_composed_mail(to=registration.email, composer=CONFIRM_LINK)


def confirm_link(email: str) -> ComposedMail | None:
    """The confirmation mail of the address's newest unconfirmed registration in an edition not over yet,
    in its language; None (no mail) once it is confirmed or gone."""
    registration = (
        Registration.objects.for_email(email)
        .unconfirmed()
        .filter(edition__ends_on__gte=timezone.localdate())
        .select_related("edition")
        .order_by("-created_at", "-pk")
        .first()
    )
    if registration is None:
        return None
    holds = list(registration.place_holds.select_related("day").order_by("day__date"))
    context = {
        "registration": registration,
        "edition": registration.edition,
        "days": [hold.day for hold in holds],
        "people": holds[0].places if holds else 1,
        "held_until": timezone.localtime(registration.hold_expires_at),
        "url": confirm_url(registration),
        "organizer": settings.ORGANIZER,
    }
    return render_templated_mail(
        language=registration.language, template="tickets/mail/confirm_email", context=context
    )


def _queue_waiting_mail(
    entry: WaitingListEntry, *, template: str, dedupe_key: str | None = None
) -> OutgoingMail | None:
    return queue_templated_mail(
        to=entry.email,
        language=entry.language,
        template=template,
        context={
            "entry": entry,
            "day": entry.day,
            "edition": entry.day.edition,
            "url": waiting_url(entry),
            "organizer": settings.ORGANIZER,
        },
        dedupe_key=dedupe_key,
    )


def queue_waiting_joined(*, entry: WaitingListEntry) -> OutgoingMail | None:
    return _queue_waiting_mail(entry, template="tickets/mail/waiting_joined")


def queue_waiting_offer(*, entry: WaitingListEntry) -> OutgoingMail | None:
    return _queue_waiting_mail(
        entry, template="tickets/mail/waiting_offer", dedupe_key=f"waiting-offer:{entry.pk}"
    )
