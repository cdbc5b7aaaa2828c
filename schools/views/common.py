"""What the schools pages share: the edition they show, the places label, the organizers' gate."""

from __future__ import annotations

from django.contrib.auth.decorators import user_passes_test
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import Edition


def current_edition() -> Edition:
    edition = Edition.objects.current()
    if edition is None:
        raise Http404
    return edition


def places_text(left: int) -> str:
    if left <= 0:
        return _("Full: waiting list")
    return ngettext("{n} place left", "{n} places left", left).format(n=intcomma(left))


def organizer_only(perm: str = "schools.view_classbooking"):
    return user_passes_test(
        lambda u: u.is_active and u.is_staff and u.has_perm(perm), login_url="admin:login"
    )
