"""The staff badge's PDF is rendered when its mail is sent, never inside register_staff's transaction,
which holds the exhibitor's row locked."""

import pytest
from django.db import connection

from exhibitors import documents
from exhibitors.models import StaffMember
from exhibitors.services import register_staff, remove_staff
from tickets.mail import send_queued_mail


@pytest.fixture
def rendered_in_transaction(monkeypatch) -> list[bool]:
    """Each badge PDF rendering records whether a transaction was open at that moment."""
    calls: list[bool] = []
    render_pdf = documents.render_pdf

    def watched(*args, **kwargs) -> bytes:
        calls.append(connection.in_atomic_block)
        return render_pdf(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", watched)
    return calls


@pytest.mark.django_db(transaction=True)
def test_badge_pdf_is_rendered_after_the_registration_commits(
    exhibitor, mailoutbox, settings, rendered_in_transaction
):
    settings.MAIL_SEND_AFTER_COMMIT = True

    staff = register_staff(exhibitor=exhibitor, name="Sam Stand", email="sam@robotix.example", language="nl")

    assert rendered_in_transaction == [False]
    (name, content, mimetype) = mailoutbox[0].attachments[0]
    assert (name, mimetype) == (f"badge-{staff.ticket.public_id}.pdf", "application/pdf")
    assert content[:5] == b"%PDF-"


@pytest.mark.django_db(transaction=True)
def test_outbox_worker_renders_the_badge_pdf_and_skips_a_removed_one(
    exhibitor, mailoutbox, settings, rendered_in_transaction
):
    settings.MAIL_SEND_AFTER_COMMIT = False  # as in production: the worker sends
    kept = register_staff(exhibitor=exhibitor, name="Sam Stand", email="sam@robotix.example")
    removed = register_staff(exhibitor=exhibitor, name="Alex Gone", email="alex@robotix.example")
    remove_staff(staff=StaffMember.objects.get(pk=removed.pk))
    assert rendered_in_transaction == []

    assert send_queued_mail() == (2, 0)

    assert rendered_in_transaction == [False]
    by_recipient = {mail.to[0]: mail for mail in mailoutbox}
    assert [a[0] for a in by_recipient["sam@robotix.example"].attachments] == [
        f"badge-{kept.ticket.public_id}.pdf"
    ]
    assert by_recipient["alex@robotix.example"].attachments == []
