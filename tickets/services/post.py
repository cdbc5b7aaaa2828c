"""Tickets sent by post: the desk registers a visitor with a postal address, staff print the letter for a
window envelope and mark it posted. The address is kept for that alone, and erased with the rest of the
personal data (tickets.privacy)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..enums import Channel
from ..exceptions import NotByPost
from ..models import PostalAddress, Registration
from .registration import register

ADDRESS_FIELDS = ("street", "number", "box", "postal_code", "commune", "country")


@transaction.atomic
def register_by_post(*, address: dict[str, str], **registration) -> Registration:
    """Register as `services.register` does, with the channel "post" and the address to post the tickets
    to, in one transaction: a full day keeps neither."""
    created = register(channel=Channel.POST, **registration)
    PostalAddress.objects.create(
        registration=created, **{field: address.get(field, "").strip() for field in ADDRESS_FIELDS}
    )
    return created


def to_post(*, edition) -> list[PostalAddress]:
    """The letters still to post for `edition`, oldest registration first."""
    return list(
        PostalAddress.objects.to_post().filter(registration__edition=edition).select_related("registration")
    )


def posted(*, edition, limit: int = 50) -> list[PostalAddress]:
    """The letters posted lately, newest first."""
    return list(
        PostalAddress.objects.filter(registration__edition=edition, posted_at__isnull=False)
        .filter(registration__anonymized_at__isnull=True)
        .select_related("registration", "posted_by")
        .order_by("-posted_at")[:limit]
    )


def mark_posted(*, registration: Registration, staff_user) -> PostalAddress:
    """Record that the letter went in the post. Twice is harmless: the first date stays."""
    address = PostalAddress.objects.filter(registration=registration).first()
    if address is None:
        raise NotByPost()
    PostalAddress.objects.filter(pk=address.pk, posted_at__isnull=True).update(
        posted_at=timezone.now(), posted_by=staff_user
    )
    address.refresh_from_db()
    return address
