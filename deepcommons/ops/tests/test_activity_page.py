"""The Activity and churn page: segments and their flow, clusters, retention."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics import frames
from deepcommons.analytics.models import ActivityEvent, ActivityKind
from deepcommons.analytics.report import member_results as results
from deepcommons.analytics.report.members import cluster_description
from deepcommons.core.testing import session_queries
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services import recompute_snapshots
from deepcommons.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def _data(name: str, scope: str) -> dict:  # type: ignore[type-arg]
    snapshot = Snapshot.objects.for_page(name, scope)
    assert snapshot is not None
    return snapshot.data


URL = reverse("ops:activity")
#: A page view net of the session's read: user, operator group, snapshot, last run,
#: unread notifications (the header), spaces.
QUERIES = 6


def _at(days_ago: float) -> datetime:
    return timezone.now() - timedelta(days=days_ago)


def _event(
    user: User, kind: str, days_ago: float, target: User | None = None, value: float = 1.0
) -> None:
    ActivityEvent.objects.create(
        user=user,
        kind=kind,
        occurred_at=_at(days_ago),
        target_user=target,
        object_type="posts.post",
        object_id=1,
        value=value,
    )


def build_community(n: int = 12) -> list[User]:
    """n members over 60 days: early ones lapse, late ones are new, a core answers on."""
    users = [UserFactory.create(username=f"p{i}") for i in range(n)]
    for i, user in enumerate(users):
        start = 60 - 4 * i
        last = 50 - 4 * i if i % 3 == 0 else 1 + (i % 4)  # every third member lapses
        days = sorted({start, last, (start + last) // 2, max(last, start - 7)})
        for day in days:
            _event(user, ActivityKind.VISIT, day + 0.2)
        if i % 2 == 0:
            _event(user, ActivityKind.ANSWER, last + 0.1, target=users[(i + 1) % n])
        if i % 4 == 0:
            _event(users[(i + 1) % n], ActivityKind.VOTE, last + 0.05, target=user, value=1.0)
            _event(users[(i + 2) % n], ActivityKind.VOTE, last + 0.05, target=user, value=-1.0)
    return users


@pytest.fixture
def community(operator: User) -> list[User]:
    users = build_community()
    recompute_snapshots(names=["activity"])
    return users


def test_only_operators_see_the_page(
    community: list[User], role_clients: dict[str, Client | None], admin_client_ops: Client
) -> None:
    for role, client in role_clients.items():
        assert (client or Client()).get(URL).status_code == 404, role
        assert (client or Client()).get(reverse("ops:churn-csv")).status_code == 404, role
    assert admin_client_ops.get(URL).status_code == 200


def test_the_page_without_a_snapshot_explains_itself(operator_client: Client) -> None:
    page = operator_client.get(URL).content.decode()
    assert "These figures have not been computed yet" in page


def test_no_activity_explains_itself(operator_client: Client) -> None:
    recompute_snapshots(names=["activity"])
    page = operator_client.get(URL).content.decode()
    assert "The data cannot support this page yet: no activity" in page


def test_segments_and_flow_match_rfm_now_and_thirty_days_ago(
    community: list[User], operator_client: Client
) -> None:
    data = _data("activity", "")
    report = frames.load_report_data()
    direct = results.segments(report)
    assert data["segments"]["now"] == direct.now.segment_counts().tolist()
    assert sum(data["segments"]["now"]) == data["members"] == 12
    flow = data["segments"]["flow"]
    counts = flow["counts"]
    # Every member now comes from a segment 30 days ago or from "not yet active".
    assert [sum(col) for col in zip(*counts, strict=True)] == data["segments"]["now"]
    assert sum(counts[0]) == 12 - sum(data["segments"]["previous"])
    before = direct.previous.table["segment"].astype(str)  # type: ignore[union-attr]
    after = direct.now.table["segment"].astype(str)
    for user_id, segment in before.items():
        i = flow["rows"].index(segment)
        j = flow["columns"].index(after[user_id])
        assert counts[i][j] >= 1
    # Members started 60 − 4i days ago: those after day 30 were not active 30 days ago.
    assert sum(counts[0]) == sum(1 for i in range(12) if 60 - 4 * i < 30)

    page = operator_client.get(URL).content.decode()
    assert "How members moved between segments in the last 30 days" in page
    spec = operator_client.get(reverse("ops:chart-json", args=["activity", "flow"])).json()
    assert sum(link["value"] for link in spec["links"]) == 12
    assert any("(30 days ago)" in node["name"] for node in spec["nodes"])
    # ops.js finds a link's ends by position: ids are positions, names unique.
    assert [node["id"] for node in spec["nodes"]] == list(range(len(spec["nodes"])))
    assert len({node["name"] for node in spec["nodes"]}) == len(spec["nodes"])
    ends = {link["source"] for link in spec["links"]} | {link["target"] for link in spec["links"]}
    assert ends == set(range(len(spec["nodes"])))


def test_clusters_are_described_in_words(community: list[User], operator_client: Client) -> None:
    data = _data("activity", "")
    part = data["clusters"]
    assert sum(c["size"] for c in part["centers"]) == 12
    medians = part["medians"]
    for center in part["centers"]:
        words = center["description"].split()
        assert words[0] == (
            "recent" if center["recency_days"] <= medians["recency_days"] else "lapsed"
        )
        assert words[1] == (
            "frequent" if center["frequency"] > medians["frequency"] else "occasional"
        )
    page = operator_client.get(URL).content.decode()
    for center in part["centers"]:
        assert cluster_description(center["description"]) in page


@pytest.mark.locale("zh-CN")
def test_the_snapshot_holds_keys_and_the_page_renders_them_in_chinese(
    community: list[User], operator_client: Client
) -> None:
    data = _data("activity", "")
    assert all(" " in c["description"] for c in data["clusters"]["centers"])  # keys, not text
    response = operator_client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "成员" in response.content.decode()  # labels come from the catalogue at render time


def test_retention_heatmap_is_the_cohort_table(
    community: list[User], operator_client: Client
) -> None:
    data = _data("activity", "")
    retention = data["retention"]
    assert all(row[0] == 1.0 for row in retention["rates"])
    assert sum(retention["sizes"]) == 12
    spec = operator_client.get(reverse("ops:chart-json", args=["activity", "retention"])).json()
    assert (
        spec["kind"] == "heatmap"
        and spec["percent"]
        and len(spec["y"]) == len(retention["cohorts"])
    )
    csv = operator_client.get(reverse("ops:chart-csv", args=["activity", "retention"]))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")


def test_too_few_members_to_cluster_says_why(operator: User, operator_client: Client) -> None:
    a, b = UserFactory.create(), UserFactory.create()
    _event(a, ActivityKind.VISIT, 3)
    _event(b, ActivityKind.VISIT, 2)
    recompute_snapshots(names=["activity"])
    page = operator_client.get(URL).content.decode()
    assert "The members could not be clustered: need at least 3 rows" in page
    assert "Members per RFM segment" in page


def test_a_space_without_activity_explains_itself(
    community: list[User], operator_client: Client
) -> None:
    SpaceFactory.create(slug="empty")
    recompute_snapshots(names=["activity"])
    page = operator_client.get(URL, {"space": "empty"}).content.decode()
    assert "no activity in this space" in page


def test_bad_parameters_give_a_message(community: list[User], operator_client: Client) -> None:
    for top in ("lots", "-3", "0"):
        response = operator_client.get(URL, {"top": top, "space": "nowhere"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "is not a number of members" in page and "There is no space" in page
    assert operator_client.get(URL, {"top": "100000"}).status_code == 200


def test_page_queries_do_not_grow(
    community: list[User], operator_client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    operator_client.get(URL)
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL)
    build_community(20)
    recompute_snapshots(names=["activity"])
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL, {"top": "200"})
