"""The social-network page: communities, their tags, influencers, brokers, one drawn."""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics.models import ActivityEvent
from deepcommons.core.testing import session_queries
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services.recompute import recompute_snapshots
from deepcommons.ops.snapshots import network as snapshot
from deepcommons.posts.models import Post
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

URL = "/ops/network/"
#: A page view net of the session's read: user, operator group, snapshot, last run,
#: unread notifications (the header), spaces.
QUERIES = 6


def interact(who: User, whom: User, post: Post, times: int = 1) -> list[ActivityEvent]:
    return [
        ActivityEvent(
            user=who, kind="comment", target_user=whom, object_type="posts.post", object_id=post.pk
        )
        for _ in range(times)
    ]


@pytest.fixture
def two_groups(db: None) -> dict[str, Any]:
    """Two cliques of five (vision people on a vision post, nlp people on an nlp
    post), joined by one tie between a5 and b1."""
    TagFactory.create(name="vision")
    TagFactory.create(name="nlp")
    a = [UserFactory.create(username=f"a{i}") for i in range(1, 6)]
    b = [UserFactory.create(username=f"b{i}") for i in range(1, 6)]
    vision = make_question(title="Vision", tags="vision", space=SpaceFactory.create(slug="cv"))
    nlp = make_question(title="NLP", tags="nlp", space=SpaceFactory.create(slug="nlp"))
    rows: list[ActivityEvent] = []
    for group, post in ((a, vision), (b, nlp)):
        for i, u in enumerate(group):
            for v in group[i + 1 :]:
                rows += interact(u, v, post, times=2 if u is group[0] else 1)
    rows += interact(a[4], b[0], nlp)
    ActivityEvent.objects.bulk_create(rows)
    return {"a": a, "b": b}


def computed(scope: str = "") -> dict[str, Any]:
    recompute_snapshots(names=["network"])
    found = Snapshot.objects.for_page("network", scope)
    assert found is not None
    return found.data


def reference_graph(people: list[User]) -> nx.Graph:
    g = nx.Graph()
    for e in ActivityEvent.objects.filter(kind="comment"):
        if g.has_edge(e.user_id, e.target_user_id):
            g[e.user_id][e.target_user_id]["weight"] += 1
        else:
            g.add_edge(e.user_id, e.target_user_id, weight=1)
    return g


@pytest.mark.parametrize("who", ["anonymous", "member", "moderator"])
def test_the_page_is_not_found_for_everyone_but_operators(
    who: str, role_clients: dict[str, Client | None]
) -> None:
    client = role_clients[who] or Client()
    assert client.get(URL).status_code == 404
    assert client.get("/ops/charts/network/community.json").status_code == 404


def test_operators_and_administrators_see_the_page(
    operator_client: Client, admin_client_ops: Client, two_groups: dict[str, Any]
) -> None:
    computed()
    for client in (operator_client, admin_client_ops):
        response = client.get(URL)
        assert response.status_code == 200
        assert "Social network" in response.content.decode()


def test_without_a_snapshot_or_ties_the_page_says_why(operator_client: Client) -> None:
    assert "have not been computed yet" in operator_client.get(URL).content.decode()
    computed()
    body = operator_client.get(URL).content.decode()
    assert "no follows or interactions between members yet" in body


def test_the_two_groups_are_found_with_their_tags(two_groups: dict[str, Any]) -> None:
    data = computed()
    assert data["graph"] == "interaction"
    groups = data["communities"]
    assert [c["size"] for c in groups] == [5, 5]
    names = [{m["username"] for m in c["members"]} for c in groups]
    assert sorted(map(sorted, names)) == [
        [f"a{i}" for i in range(1, 6)],
        [f"b{i}" for i in range(1, 6)],
    ]
    for community, members in zip(groups, names, strict=True):
        assert community["ties"] == 10
        expected = "vision" if "a1" in members else "nlp"
        assert community["tags"][0][0] == expected
    # a5's tie to b1 was made on the nlp post: the vision group saw nlp once.
    vision = next(c for c in groups if any(m["username"] == "a1" for m in c["members"]))
    assert dict(vision["tags"]) == {"vision": 14, "nlp": 1}


def test_a_space_has_the_interactions_on_its_posts_only(
    operator_client: Client, two_groups: dict[str, Any]
) -> None:
    """In the vision space only the vision clique interacted (a5's tie to b1 was on
    the nlp post), and follows do not count."""
    ActivityEvent.objects.create(
        user=two_groups["b"][1], kind="follow", target_user=two_groups["a"][0]
    )
    computed()
    data = Snapshot.objects.for_page("network", "space:cv").data
    assert list(data["summary"]) == ["interaction"]
    assert data["summary"]["interaction"]["people"] == 5
    assert [c["size"] for c in data["communities"]] == [5]
    assert data["followed"] == []
    body = operator_client.get(URL, {"space": "cv"}).content.decode()
    start = body.index('<svg class="ops-graph-svg"')
    assert body[start : body.index("</svg>", start)].count("<circle") == 5


def test_pagerank_and_betweenness_match_networkx(two_groups: dict[str, Any]) -> None:
    data = computed()
    g = reference_graph(two_groups["a"] + two_groups["b"])
    pagerank = nx.pagerank(g, weight="weight")
    for row in data["influencers"]:
        assert row["score"] == pytest.approx(pagerank[row["id"]], abs=1e-5)
    scores = [row["score"] for row in data["influencers"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 10
    between = nx.betweenness_centrality(g)
    brokers = data["brokers"]
    assert {brokers[0]["id"], brokers[1]["id"]} == {two_groups["a"][4].pk, two_groups["b"][0].pk}
    for row in brokers:
        assert row["betweenness"] == pytest.approx(between[row["id"]], abs=1e-6)


def test_the_community_graph_has_its_json_and_a_fallback_without_javascript(
    operator_client: Client, two_groups: dict[str, Any]
) -> None:
    data = computed()
    response = operator_client.get(URL, {"community": "2"})
    body = response.content.decode()
    start = body.index('<svg class="ops-graph-svg"')
    svg = body[start : body.index("</svg>", start)]
    assert svg.count("<circle") == 5 and svg.count("<line") == 10
    assert "style=" not in svg
    chart = operator_client.get("/ops/charts/network/community.json", {"community": "2"}).json()
    assert chart["kind"] == "graph"
    drawn = {n["id"] for n in chart["nodes"]}
    assert drawn == {m["id"] for m in data["communities"][1]["members"]}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in chart["nodes"])
    assert len(chart["links"]) == 10
    assert {link["source"] for link in chart["links"]} <= drawn
    # The table under the chart lists the members with their ties.
    assert re.search(r"<th scope=\"row\">b\d</th><td>[45]</td>", body)


def test_a_big_community_is_capped_and_says_so(
    operator_client: Client, two_groups: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "DRAW_NODES", 3)
    data = computed()
    assert [len(d["nodes"]) for d in data["drawings"]] == [3, 3]
    body = operator_client.get(URL).content.decode()
    assert "Only the 3 best-connected of its 5 members are drawn" in body


@pytest.mark.parametrize("value", ["0", "3", "abc", "-1", "9" * 40])
def test_a_bad_community_number_gives_a_message(
    value: str, operator_client: Client, two_groups: dict[str, Any]
) -> None:
    computed()
    response = operator_client.get(URL, {"community": value})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is no community" in body and "pick a number from 1 to 2" in body
    assert 'class="ops-graph-svg"' in body  # the first community is shown instead


def test_the_page_reads_a_fixed_number_of_queries(
    operator_client: Client, two_groups: dict[str, Any], django_assert_num_queries: Any
) -> None:
    computed()
    operator_client.get(URL)
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL, {"community": "1"})
