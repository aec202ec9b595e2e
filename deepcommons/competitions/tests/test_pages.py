"""The competition pages as anonymous, participant and other member."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.competitions.models import RulesAcceptance
from deepcommons.competitions.tests.factories import SOLUTION, make_competition, make_submission

pytestmark = pytest.mark.django_db


def test_the_list_shows_running_competitions(client: Client) -> None:
    competition = make_competition(title="House prices")
    response = client.get("/competitions/")
    assert response.status_code == 200
    assert "House prices" in response.content.decode()
    assert competition.get_absolute_url() in response.content.decode()


def test_the_overview_renders_markdown_and_the_timeline(client: Client) -> None:
    competition = make_competition(overview="Predict **prices** <script>x</script>")
    from deepcommons.competitions.services.competitions import _render

    _render(competition)
    competition.save()
    html = client.get(competition.get_absolute_url()).content.decode()
    assert "<strong>prices</strong>" in html and "<script>x" not in html
    assert "Team merger deadline" in html
    assert "Join the competition" in html


def test_accepting_the_rules_joins(alice: User, alice_client: Client) -> None:
    competition = make_competition()
    url = f"/competitions/{competition.slug}/rules/"
    refused = alice_client.post(url, {})
    assert refused.status_code == 400
    assert not RulesAcceptance.objects.filter(user=alice).exists()
    response = alice_client.post(url, {"accept": "on"})
    assert response.status_code == 302
    assert competition.team_of(alice) is not None


def test_anonymous_rules_post_goes_to_login(client: Client) -> None:
    competition = make_competition()
    response = client.post(f"/competitions/{competition.slug}/rules/", {"accept": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_leaderboard_shows_public_scores(alice: User, client: Client) -> None:
    competition = make_competition()
    make_submission(competition, alice, {k: v + 2 for k, v in SOLUTION.items()})
    html = client.get(f"/competitions/{competition.slug}/leaderboard/").content.decode()
    assert "Public leaderboard" in html
    assert "alice" in html and "2.00000" in html


def test_my_submissions_needs_a_login(client: Client, bob_client: Client) -> None:
    competition = make_competition()
    url = f"/competitions/{competition.slug}/submissions/"
    assert client.get(url).status_code == 302
    response = bob_client.get(url)
    assert response.status_code == 200
    assert "No submissions yet" in response.content.decode()


def test_an_unknown_competition_is_404(client: Client) -> None:
    assert client.get("/competitions/nope/").status_code == 404


def test_the_list_reads_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: object
) -> None:
    from deepcommons.competitions.tests.factories import CompetitionFactory

    CompetitionFactory.create()
    client.get("/competitions/")
    with django_assert_num_queries(3):  # type: ignore[operator]
        client.get("/competitions/")
    CompetitionFactory.create_batch(5)
    with django_assert_num_queries(3):  # type: ignore[operator]
        assert client.get("/competitions/").status_code == 200
