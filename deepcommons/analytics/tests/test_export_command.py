from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from deepcommons.accounts.models import User
from deepcommons.analytics.models import ActivityKind
from deepcommons.analytics.services import record_activity


def test_export_writes_events_users_and_both_edge_lists_as_csv(
    alice: User, bob: User, charlie: User, tmp_path: Path, capsys
) -> None:
    record_activity(user=alice, kind=ActivityKind.FOLLOW, target_user=bob)
    record_activity(user=alice, kind=ActivityKind.FOLLOW, target_user=bob)
    record_activity(user=charlie, kind=ActivityKind.ANSWER, target_user=bob, obj=bob)
    record_activity(user=charlie, kind=ActivityKind.VOTE, target_user=bob)
    record_activity(user=bob, kind=ActivityKind.COMMENT, target_user=bob)  # self: no edge
    record_activity(user=bob, kind=ActivityKind.SEARCH)

    call_command("analytics", "export", "--to", str(tmp_path / "out"), "--format", "csv")

    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "events.csv",
        "follow_edges.csv",
        "interaction_edges.csv",
        "users.csv",
    ]
    events = pd.read_csv(out / "events.csv")
    assert len(events) == 6
    assert list(events.columns) == [
        "user_id",
        "kind",
        "timestamp",
        "target_user_id",
        "object_type",
        "object_id",
        "value",
    ]
    users = pd.read_csv(out / "users.csv")
    assert set(users["username"]) == {"alice", "bob", "charlie"}
    assert "email" not in users.columns
    follows = pd.read_csv(out / "follow_edges.csv")
    assert follows.values.tolist() == [[alice.pk, bob.pk]]
    interactions = pd.read_csv(out / "interaction_edges.csv")
    assert interactions.values.tolist() == [[charlie.pk, bob.pk, 2]]
    assert "events:" in capsys.readouterr().out


def test_parquet_without_pyarrow_is_a_clear_error(alice: User, tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    from deepcommons.analytics import frames

    if frames.parquet_available():
        call_command("analytics", "export", "--to", str(tmp_path), "--format", "parquet")
        assert (tmp_path / "events.parquet").exists()
    else:
        with pytest.raises(CommandError, match="pyarrow"):
            call_command("analytics", "export", "--to", str(tmp_path), "--format", "parquet")
