"""Messages to registrants: the history, writing a draft, its preview in each language, a test to oneself,
and sending it (once) through the outbox."""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from core.access import staff_required
from tickets.enums import Language

from ..enums import BroadcastStatus
from ..forms import LANGUAGE_NAMES, BroadcastForm, EditionForm
from ..models import Broadcast
from ..roles import MESSAGE_PERMISSION
from ..services import messages as service


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("language") or request.POST.get("language") or get_language()
    return wanted if wanted in Language.values else Language.FR


@staff_required(MESSAGE_PERMISSION)
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    edition_form, edition = EditionForm.from_query(request.GET)
    broadcasts = service.with_counts(
        Broadcast.objects.filter(edition=edition).select_related("day", "sent_by")
    )
    return render(
        request,
        "console/messages.html",
        {"edition_form": edition_form, "edition": edition, "broadcasts": broadcasts},
    )


@staff_required(MESSAGE_PERMISSION)
def message_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Write a new draft (no pk) or change one; a message already sent can no longer change."""
    broadcast = get_object_or_404(Broadcast, pk=pk, status=BroadcastStatus.DRAFT) if pk else None
    edition = broadcast.edition if broadcast else EditionForm.from_query(request.GET)[1]
    if edition is None:
        messages.error(request, _("There is no edition yet."))
        return redirect("console:messages")
    form = BroadcastForm(request.POST or None, instance=broadcast, edition=edition)
    if request.method == "POST" and form.is_valid():
        if broadcast is None:
            form.instance.created_by = request.user
        try:
            saved = service.save_draft(form=form)
        except service.NoLongerDraft as error:
            messages.error(request, error.message)
            return redirect("console:message", pk=broadcast.pk)
        messages.success(request, _("The message is saved. Check how it reads, then send it."))
        return redirect("console:message", pk=saved.pk)
    return render(
        request, "console/message_form.html", {"form": form, "broadcast": broadcast, "edition": edition}
    )


@staff_required(MESSAGE_PERMISSION)
@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    broadcast = get_object_or_404(
        service.with_counts(Broadcast.objects.select_related("edition", "day", "sent_by")), pk=pk
    )
    language = _language(request)
    context = {
        "broadcast": broadcast,
        "language": language,
        "languages": LANGUAGE_NAMES.items(),
        "mail": service.render(broadcast, language=language),
        "is_draft": broadcast.status == BroadcastStatus.DRAFT,
    }
    if context["is_draft"]:
        context["audience"] = service.recipients_by_language(broadcast)
        context["audience_total"] = sum(context["audience"].values())
    return render(request, "console/message.html", context)


@staff_required(MESSAGE_PERMISSION)
@require_GET
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})  # shown in the message's own page, nowhere else
def message_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML mail exactly as sent, shown in the preview's frame."""
    broadcast = get_object_or_404(Broadcast, pk=pk)
    return HttpResponse(service.render(broadcast, language=_language(request)).body_html)


@staff_required(MESSAGE_PERMISSION)
@require_POST
def message_test(request: HttpRequest, pk: int) -> HttpResponse:
    broadcast = get_object_or_404(Broadcast, pk=pk)
    language = _language(request)
    if not request.user.email:
        messages.error(request, _("Your account has no email address: add one in the back office first."))
    else:
        service.send_test(broadcast=broadcast, to=request.user.email, language=language)
        messages.success(
            request,
            _("A test in {language} is on its way to {email}.").format(
                language=LANGUAGE_NAMES[language], email=request.user.email
            ),
        )
    return redirect(f"{broadcast_url(broadcast)}?language={language}")


@staff_required(MESSAGE_PERMISSION)
@require_POST
def message_send(request: HttpRequest, pk: int) -> HttpResponse:
    broadcast = get_object_or_404(Broadcast, pk=pk)
    try:
        count = service.send_broadcast(broadcast_id=broadcast.pk, user=request.user)
    except service.AlreadySent as exc:
        messages.info(request, exc.message)
    else:
        messages.success(
            request,
            ngettext(
                "The message is in the outbox for {count} recipient, each in their language.",
                "The message is in the outbox for {count} recipients, each in their language.",
                count,
            ).format(count=count),
        )
    return redirect(broadcast_url(broadcast))


def broadcast_url(broadcast: Broadcast) -> str:
    return reverse("console:message", kwargs={"pk": broadcast.pk})
