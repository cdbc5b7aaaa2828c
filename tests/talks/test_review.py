import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation

from talks.enums import Decision, ProposalState
from talks.exceptions import AlreadyDecided
from talks.models import DecisionTemplate, Review
from talks.permissions import REVIEWERS_GROUP, grant_reviewer_permissions
from talks.services import review as review_service
from tests.talks.factories import CriterionFactory, ProposalFactory, ProposalSpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria(call):
    return [CriterionFactory(call=call, name="Relevance"), CriterionFactory(call=call, name="Clarity")]


@pytest.fixture
def proposal(call):
    proposal = ProposalFactory(call=call)
    ProposalSpeakerFactory(proposal=proposal, name="Ada Martin")
    return proposal


def reviewer(name: str) -> User:
    user = User.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_reviewer_group_is_created_idempotently():
    grant_reviewer_permissions()
    group = grant_reviewer_permissions()
    assert sorted(group.permissions.values_list("codename", flat=True)) == [
        "review_proposal",
        "view_proposal",
    ]
    assert Group.objects.filter(name=REVIEWERS_GROUP).count() == 1


def test_a_reviewer_sees_others_scores_only_after_giving_their_own(client, proposal, criteria):
    first, second = reviewer("anna"), reviewer("bart")
    review_service.review_proposal(
        proposal=proposal, reviewer=first, scores={criteria[0].pk: 4, criteria[1].pk: 3}
    )
    client.force_login(second)
    page = client.get(url("talks:review", public_id=proposal.public_id)).content.decode()
    assert "The other reviewers" not in page
    response = client.post(
        url("talks:review", public_id=proposal.public_id),
        {f"score_{criteria[0].pk}": "1", f"score_{criteria[1].pk}": "2", "comment": "Too vague."},
    )
    assert response.status_code == 302
    page = client.get(url("talks:review", public_id=proposal.public_id)).content.decode()
    assert "The other reviewers" in page
    assert "anna" in page


def test_missing_score_is_explained_and_nothing_saved(client, proposal, criteria):
    client.force_login(reviewer("anna"))
    response = client.post(
        url("talks:review", public_id=proposal.public_id), {f"score_{criteria[0].pk}": "3"}
    )
    assert "Give a score from 0 to 4." in response.content.decode()
    assert Review.objects.count() == 0


def test_conflict_of_interest_gives_no_score_and_hides_others(client, proposal, criteria):
    review_service.review_proposal(proposal=proposal, reviewer=reviewer("anna"), scores={criteria[0].pk: 4})
    client.force_login(reviewer("bart"))
    client.post(url("talks:review", public_id=proposal.public_id), {"conflict": "on"})
    review = Review.objects.get(reviewer__username="bart")
    assert (review.conflict_of_interest, review.scores.count()) == (True, 0)
    page = client.get(url("talks:review", public_id=proposal.public_id)).content.decode()
    assert "The other reviewers" not in page


def test_a_visitor_or_plain_staff_cannot_review(client, proposal):
    assert client.get(url("talks:review-list")).status_code == 302
    client.force_login(User.objects.create_user("plain", is_staff=True))
    assert client.get(url("talks:review-list")).status_code == 403


def test_ranking_sorts_by_average_with_spread(call, criteria):
    low, high, unreviewed = ProposalFactory(call=call), ProposalFactory(call=call), ProposalFactory(call=call)
    anna, bart = reviewer("anna"), reviewer("bart")
    for who, proposal, values in (
        (anna, low, (1, 1)),
        (bart, low, (0, 0)),
        (anna, high, (4, 4)),
        (bart, high, (2, 2)),
    ):
        review_service.review_proposal(
            proposal=proposal, reviewer=who, scores={criteria[0].pk: values[0], criteria[1].pk: values[1]}
        )
    rows = review_service.ranking(call=call)
    assert [(r.proposal, r.average, r.spread, r.reviews) for r in rows] == [
        (high, 6.0, 4, 2),
        (low, 1.0, 2, 2),
        (unreviewed, None, None, 0),
    ]


def test_decision_mails_the_speaker_once_in_their_language_from_the_template(
    proposal, mailoutbox, django_capture_on_commit_callbacks
):
    DecisionTemplate.objects.create(
        decision=Decision.ACCEPTED,
        subject_fr="« {title} » est acceptée",
        subject_nl="“{title}” is aanvaard",
        body_fr="Confirmez ici : {link}",
        body_nl="Bevestig hier: {link}",
    )
    proposal.contact_language = "nl"
    proposal.save()
    with django_capture_on_commit_callbacks(execute=True):
        review_service.decide(proposal=proposal, decision=Decision.ACCEPTED)
    with pytest.raises(AlreadyDecided):
        review_service.decide(proposal=proposal, decision=Decision.ACCEPTED)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert [m.subject for m in mailoutbox] == [f"“{proposal.title}” is aanvaard"]
    assert "/nl/talks/proposal/" in mailoutbox[0].body
    [(html, _type)] = mailoutbox[0].alternatives
    assert '<html lang="nl">' in html
    assert 'href="http' in html  # the link can be clicked
    assert "/nl/talks/proposal/" in html
    assert "Digitale Lente" in mailoutbox[0].from_email


def test_double_click_on_decide_sends_one_mail(
    client, proposal, mailoutbox, django_capture_on_commit_callbacks
):
    organizer = User.objects.create_superuser("org", password="x")
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("talks:decide", public_id=proposal.public_id), {"decision": "rejected"})
        response = client.post(
            url("talks:decide", public_id=proposal.public_id), {"decision": "rejected"}, follow=True
        )
    assert "no second mail was sent" in response.content.decode()
    assert len(mailoutbox) == 1


def test_reserve_can_then_be_accepted(proposal, mailoutbox, django_capture_on_commit_callbacks):
    proposal.contact_language = "en"
    proposal.save()
    with django_capture_on_commit_callbacks(execute=True):
        review_service.decide(proposal=proposal, decision=Decision.RESERVE)
        review_service.decide(proposal=proposal, decision=Decision.ACCEPTED)
    assert [m.subject for m in mailoutbox] == [
        f"Your proposal “{proposal.title}” is on the reserve list",
        f"Your proposal “{proposal.title}” is accepted",
    ]


def reviewed_proposals(call, criteria, count: int, *reviewers: User) -> None:
    """`count` more proposals, each with a speaker, reviewed by each of `reviewers` (the last declares a
    conflict of interest)."""
    for _ in range(count):
        proposal = ProposalFactory(call=call)
        ProposalSpeakerFactory(proposal=proposal)
        for who in reviewers:
            conflict = who == reviewers[-1] and len(reviewers) > 1
            scores = {} if conflict else {criterion.pk: 3 for criterion in criteria}
            review_service.review_proposal(proposal=proposal, reviewer=who, scores=scores, conflict=conflict)


def test_the_review_list_costs_the_same_queries_for_2_or_12_proposals(client, call, criteria, page_queries):
    anna = reviewer("anna")
    client.force_login(anna)
    reviewed_proposals(call, criteria, 2, anna)
    small, _page = page_queries(url("talks:review-list"))
    reviewed_proposals(call, criteria, 10, anna)
    large, page = page_queries(url("talks:review-list"))
    assert page.count("✓ Reviewed") == 12
    assert large == small


def test_the_decision_table_costs_the_same_queries_for_2_or_12_proposals(
    client, call, criteria, page_queries
):
    client.force_login(User.objects.create_superuser("org", password="x"))
    anna, bart = reviewer("anna"), reviewer("bart")
    reviewed_proposals(call, criteria, 2, anna, bart)
    small, _page = page_queries(url("talks:organize"))
    reviewed_proposals(call, criteria, 10, anna, bart)
    large, page = page_queries(url("talks:organize"))
    assert page.count("(1 conflict)") == 12
    assert large == small
