"""Many clicks on a decision at once change the state once and queue one mail (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection

from talks.enums import Decision, ProposalState
from talks.exceptions import AlreadyDecided
from talks.services import review as review_service
from tickets.models import OutgoingMail

from .factories import ProposalFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_decisions_send_one_mail(settings):
    settings.MAIL_SEND_AFTER_COMMIT = False
    proposal = ProposalFactory()
    refused = []
    barrier = threading.Barrier(8)

    def click() -> None:
        barrier.wait()
        try:
            review_service.decide(proposal=proposal, decision=Decision.ACCEPTED)
        except AlreadyDecided:
            refused.append(1)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert len(refused) == 7
    assert OutgoingMail.objects.filter(to=proposal.contact_email).count() == 1
