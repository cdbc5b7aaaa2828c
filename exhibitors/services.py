"""Everything that writes exhibitors' data: stands, the portal, logos, activities and staff badges."""

from __future__ import annotations

import hmac
import secrets

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events.models import Space
from tickets.enums import TicketKind
from tickets.mail import RenderedWhenSent, queue_templated_mail
from tickets.services import cancel_ticket, issue_ticket

from .documents import STAFF_BADGE_PDF, badge_filename
from .exceptions import (
    ExhibitorHasStand,
    NoContactEmail,
    StaffLimitReached,
    StandClash,
    StandCodeTaken,
    StandInvalid,
    StandOtherEdition,
    StandOutsideHall,
    StandOverlap,
    StandTaken,
)
from .logos import process_logo
from .models import (
    PROFILE_FIELDS,
    Activity,
    Exhibitor,
    ExhibitorLogo,
    StaffMember,
    Stand,
    hash_portal_token,
    overlap_message,
)

ACTIVITY_FIELDS = ("title_fr", "title_nl", "title_en", "description_fr", "description_nl", "description_en")


# Stands -------------------------------------------------------------------------------------------------


def stand_clash_from_database(error: IntegrityError, stand: Stand) -> StandClash:
    """Turn a refusal by the database (constraint or trigger) into a message naming the clash."""
    text = str(error)
    hall = Space.objects.filter(pk=stand.hall_id).first()
    if "stand_no_overlap" in text:
        clashes = [
            other
            for other in Stand.objects.filter(hall_id=stand.hall_id)
            .exclude(pk=stand.pk)
            .select_related("exhibitor")
            if stand.overlaps(other)
        ]
        return StandOverlap(overlap_message(stand, clashes, hall))
    if "stand_inside_hall" in text:
        return StandOutsideHall(
            gettext("Stand {code} must lie inside an exhibition hall of its edition ({hall}).").format(
                code=stand.code, hall=hall
            )
        )
    if "stand_exhibitor_same_edition" in text:
        return StandOtherEdition(
            gettext("The exhibitor of stand {code} exhibits at another edition.").format(code=stand.code)
        )
    if "stand_code_unique_in_edition" in text or "exhibitors_stand.edition_id, exhibitors_stand.code" in text:
        return StandCodeTaken(
            gettext("There is already a stand {code} in this edition.").format(code=stand.code)
        )
    if "exhibitor_id" in text:
        return ExhibitorHasStand(gettext("This exhibitor already has a stand: free it first."))
    return StandInvalid(str(error))


def save_stand(*, stand: Stand) -> Stand:
    """Save a stand; the database has the last word on overlaps and halls, with a clear message."""
    try:
        with transaction.atomic():
            stand.save()
    except IntegrityError as error:
        raise stand_clash_from_database(error, stand) from None
    return stand


@transaction.atomic
def allocate_stand(*, stand: Stand, exhibitor: Exhibitor | None) -> Stand:
    """Give a stand to an exhibitor (or free it with None). Refuses a taken stand or a second stand."""
    stand = Stand.objects.select_for_update(of=("self",)).select_related("exhibitor").get(pk=stand.pk)
    if exhibitor is not None:
        if stand.exhibitor_id and stand.exhibitor_id != exhibitor.pk:
            raise StandTaken(
                gettext("Stand {code} is already allocated to {exhibitor}. Free it first.").format(
                    code=stand.code, exhibitor=stand.exhibitor
                )
            )
        other = Stand.objects.filter(exhibitor=exhibitor).exclude(pk=stand.pk).first()
        if other is not None:
            raise ExhibitorHasStand(
                gettext("{exhibitor} already has stand {code}. Free stand {code} first.").format(
                    exhibitor=exhibitor, code=other.code
                )
            )
        if exhibitor.edition_id != stand.edition_id:
            raise StandOtherEdition(
                gettext("{exhibitor} exhibits at another edition.").format(exhibitor=exhibitor)
            )
    stand.exhibitor = exhibitor
    return save_stand(stand=stand)


# The portal ---------------------------------------------------------------------------------------------


def regenerate_portal_token(*, exhibitor: Exhibitor) -> str:
    """A new secret link; the old one stops working at once. Only the hash is stored."""
    token = secrets.token_urlsafe(32)
    exhibitor.portal_token_hash = hash_portal_token(token)
    Exhibitor.objects.filter(pk=exhibitor.pk).update(portal_token_hash=exhibitor.portal_token_hash)
    return token


def portal_url(*, token: str, language: str, absolute: bool = True) -> str:
    with translation.override(language):
        path = reverse("exhibitors:portal", kwargs={"token": token})
    return f"{settings.SITE_URL}{path}" if absolute else path


def exhibitor_for_token(token: str) -> Exhibitor | None:
    """The exhibitor whose secret link this is; the hashes are compared in constant time."""
    if not token or len(token) > 100:
        return None
    digest = hash_portal_token(token)
    exhibitor = Exhibitor.objects.select_related("edition").filter(portal_token_hash=digest).first()
    if exhibitor is None or not hmac.compare_digest(exhibitor.portal_token_hash, digest):
        return None
    return exhibitor


@transaction.atomic
def send_portal_link(*, exhibitor: Exhibitor) -> str:
    """Make a new secret link and mail it to the exhibitor's contact; returns the link."""
    if not exhibitor.contact_email:
        raise NoContactEmail()
    token = regenerate_portal_token(exhibitor=exhibitor)
    link = portal_url(token=token, language=exhibitor.contact_language)
    queue_templated_mail(
        to=exhibitor.contact_email,
        language=exhibitor.contact_language,
        template="exhibitors/mail/portal_link",
        context={
            "exhibitor": exhibitor,
            "link": link,
            "edition": exhibitor.edition,
            "organizer": settings.ORGANIZER,
        },
    )
    return link


@transaction.atomic
def update_profile(*, exhibitor: Exhibitor, **fields: str) -> Exhibitor:
    """The texts and links an exhibitor edits in the portal (never its name, stand or contact)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not editable in the portal: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(exhibitor, name, value)
    exhibitor.full_clean(exclude=["categories", "portal_token_hash"])
    exhibitor.save(update_fields=[*fields, "updated_at"])
    return exhibitor


@transaction.atomic
def set_logo(*, exhibitor: Exhibitor, upload: UploadedFile) -> ExhibitorLogo:
    """Check, re-encode and resize an uploaded logo; anything but a usable image raises LogoRefused."""
    processed = process_logo(upload)
    logo, _ = ExhibitorLogo.objects.update_or_create(
        exhibitor=exhibitor,
        defaults={
            "image": processed.image,
            "content_type": processed.content_type,
            "width": processed.width,
            "height": processed.height,
            "digest": processed.digest,
        },
    )
    exhibitor.logo_digest = processed.digest
    exhibitor.save(update_fields=["logo_digest", "updated_at"])
    return logo


@transaction.atomic
def remove_logo(*, exhibitor: Exhibitor) -> None:
    ExhibitorLogo.objects.filter(exhibitor=exhibitor).delete()
    exhibitor.logo_digest = ""
    exhibitor.save(update_fields=["logo_digest", "updated_at"])


@transaction.atomic
def save_activity(*, exhibitor: Exhibitor, activity: Activity | None = None, **fields: str) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"not editable in the portal: {sorted(unknown)}")
    if activity is None:
        activity = Activity(exhibitor=exhibitor, position=exhibitor.activities.count())
    elif activity.exhibitor_id != exhibitor.pk:
        raise Activity.DoesNotExist
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def delete_activity(*, exhibitor: Exhibitor, activity: Activity) -> None:
    if activity.exhibitor_id != exhibitor.pk:
        raise Activity.DoesNotExist
    activity.delete()


# Staff badges -------------------------------------------------------------------------------------------


@transaction.atomic
def register_staff(
    *, exhibitor: Exhibitor, name: str, email: str = "", language: str = "fr", send_mail: bool = True
) -> StaffMember:
    """Issue a staff badge valid on every day of the edition (day=None), admitted at the staff entrance.

    The exhibitor's row is locked while counting, so concurrent registrations never exceed the limit
    (SQLite serializes writers anyway). Only the concurrency test's control run switches the lock off."""
    exhibitors = Exhibitor.objects.select_related("edition")
    if settings.CONCURRENCY_GUARD_EXHIBITORS_STAFF:
        exhibitors = exhibitors.select_for_update(of=("self",))
    exhibitor = exhibitors.get(pk=exhibitor.pk)
    if exhibitor.staff.count() >= exhibitor.staff_limit:
        raise StaffLimitReached(
            gettext(
                "You have already registered {limit} staff members, the most your stand allows. "
                "Remove one, or ask the organizers for more badges."
            ).format(limit=exhibitor.staff_limit)
        )
    ticket = issue_ticket(
        edition=exhibitor.edition, kind=TicketKind.EXHIBITOR_STAFF, day=None, holder_name=name.strip()
    )
    staff = StaffMember(
        exhibitor=exhibitor, name=name.strip(), email=email.strip(), language=language, ticket=ticket
    )
    staff.full_clean(exclude=["ticket", "exhibitor"])
    staff.save()
    if staff.email and send_mail:
        mail_badge(staff=staff)
    return staff


def mail_badge(*, staff: StaffMember) -> None:
    """Queue the badge mail; its PDF is rendered when the mail is sent, after the registration commits."""
    pdf = RenderedWhenSent(STAFF_BADGE_PDF, str(staff.pk))
    queue_templated_mail(
        to=staff.email,
        language=staff.language,
        template="exhibitors/mail/staff_badge",
        context={
            "staff": staff,
            "exhibitor": staff.exhibitor,
            "edition": staff.exhibitor.edition,
            "organizer": settings.ORGANIZER,
        },
        attachments=[(badge_filename(staff), pdf, "application/pdf")],
    )


@transaction.atomic
def remove_staff(*, staff: StaffMember) -> None:
    """Cancel the badge (it stops working at the gates) and forget the person."""
    cancel_ticket(ticket=staff.ticket)
    staff.delete()
