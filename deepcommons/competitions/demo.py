"""Demo competitions: one running (Chinese text classification, macro-F1) and
one finished (house price regression, RMSE) with teams, scored submissions
and a revealed private leaderboard with medals. Datasets are generated with
NumPy at build time (a few thousand rows) and stored like a host's uploads.
Idempotent: a competition that exists is left as it is."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.competitions.models import Competition, Metric
from deepcommons.competitions.services import (
    CompetitionInput,
    accept_merge,
    create_competition,
    finalize_competition,
    invite_user,
    join_competition,
    post_announcement,
    score_submission,
    submit,
    upload_data_file,
    upload_solution,
)

TEXT_SLUG = "chinese-text-classification"
HOUSE_SLUG = "house-price-regression"
LABELS = ["体育", "财经", "科技", "娱乐"]
WORDS = {
    "体育": ["比赛", "球队", "冠军", "进球", "教练", "联赛"],
    "财经": ["股市", "利率", "银行", "投资", "通胀", "债券"],
    "科技": ["芯片", "模型", "算法", "手机", "数据", "开源"],
    "娱乐": ["电影", "歌手", "综艺", "演员", "票房", "音乐"],
}
COMMON = ["今天", "我们", "新的", "报道", "表示", "记者"]


def _csv(name: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, ("\n".join(lines) + "\n").encode("utf-8"), content_type="text/csv"
    )


def _users(names: list[str]) -> list[User]:
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    return [found[n] for n in names if n in found]


def _host() -> User | None:
    return User.objects.filter(is_superuser=True).order_by("pk").first()


def _texts(rng: np.random.Generator, labels: np.ndarray) -> list[str]:
    texts = []
    for label in labels:
        words = list(rng.choice(WORDS[str(label)], 3)) + list(rng.choice(COMMON, 3))
        rng.shuffle(words)
        texts.append("".join(words))
    return texts


def _submit(
    competition: Competition, user: User, lines: list[str], at: datetime, note: str
) -> None:
    submission = submit(
        competition=competition,
        user=user,
        upload=_csv("predictions.csv", lines),
        description=note,
        now=at,
    )
    score_submission(submission_id=submission.pk)


def _merge(competition: Competition, leader: User, member: User, at: datetime) -> None:
    team = join_competition(competition=competition, user=leader, now=at)
    join_competition(competition=competition, user=member, now=at)
    request = invite_user(team=team, username=member.username, by=leader, now=at)
    accept_merge(request=request, by=member, now=at)


def build_text(stdout: Any, host: User) -> None:
    if Competition.objects.filter(slug=TEXT_SLUG).exists():
        return
    now = timezone.now()
    rng = np.random.default_rng(2024)
    competition = create_competition(
        data=CompetitionInput(
            title="Chinese text classification",
            slug=TEXT_SLUG,
            subtitle="中文新闻标题分类：体育、财经、科技、娱乐",
            overview=(
                "Classify short Chinese news headlines into four topics.\n\n"
                "将中文新闻短标题分为四类：**体育、财经、科技、娱乐**。"
            ),
            rules=(
                "1. One account per person; teams of up to 3.\n"
                "2. No hand labelling of the test set.\n"
                "3. Share code only in the competition's discussion."
            ),
            prizes="1st: 500 reputation-worthy bragging rights and a DeepCommons mug.",
            evaluation="Macro-averaged F1 over the four labels.",
            metric=Metric.MACRO_F1,
            prediction_columns="label",
            starts_at=now - timedelta(days=10),
            merger_deadline=now + timedelta(days=10),
            ends_at=now + timedelta(days=20),
            daily_limit=5,
            max_team_size=3,
            public_percent=30,
        ),
        by=host,
    )
    train_labels = rng.choice(LABELS, 3000)
    train = ["id,text,label"] + [
        f"t{i},{t},{lab}"
        for i, (t, lab) in enumerate(zip(_texts(rng, train_labels), train_labels, strict=True))
    ]
    test_labels = rng.choice(LABELS, 2000)
    test_texts = _texts(rng, test_labels)
    upload_data_file(
        competition=competition,
        upload=_csv("train.csv", train),
        by=host,
        description="3,000 labelled headlines",
    )
    upload_data_file(
        competition=competition,
        upload=_csv("test.csv", ["id,text"] + [f"q{i},{t}" for i, t in enumerate(test_texts)]),
        by=host,
        description="2,000 headlines to classify",
    )
    upload_data_file(
        competition=competition,
        upload=_csv(
            "sample_submission.csv", ["id,label"] + [f"q{i},体育" for i in range(len(test_texts))]
        ),
        by=host,
        description="The format to submit",
    )
    upload_solution(
        competition=competition,
        upload=_csv(
            "solution.csv", ["id,label"] + [f"q{i},{lab}" for i, lab in enumerate(test_labels)]
        ),
        by=host,
    )
    people = _users(["li_wei", "zhang_min", "wang_fang", "chen_jie", "liu_yang"])
    if len(people) < 5:
        stdout.write("competitions: demo members missing; skipped the running competition's teams")
        return
    li_wei, zhang_min, wang_fang, chen_jie, liu_yang = people
    _merge(competition, li_wei, zhang_min, now - timedelta(days=8))
    for user in (wang_fang, chen_jie, liu_yang):
        join_competition(competition=competition, user=user, now=now - timedelta(days=8))
    # Accuracy of each team's predictions; a wrong guess is a random other label.
    skill: dict[User, list[float]] = {
        li_wei: [0.78, 0.86],
        wang_fang: [0.70, 0.81],
        chen_jie: [0.81],
        liu_yang: [0.55, 0.62, 0.66],
    }
    for user, accuracies in skill.items():
        for n, accuracy in enumerate(accuracies):
            right = rng.random(len(test_labels)) < accuracy
            guesses = np.where(right, test_labels, rng.choice(LABELS, len(test_labels)))
            lines = ["id,label"] + [f"q{i},{g}" for i, g in enumerate(guesses)]
            _submit(competition, user, lines, now - timedelta(days=7 - n), f"model v{n + 1}")
    post_announcement(
        competition=competition,
        by=host,
        title="Welcome / 欢迎参赛",
        body="The public leaderboard uses 30% of the test set. 公共排行榜使用 30% 的测试数据。",
    )
    stdout.write("competitions: running competition with 4 teams")


def build_house(stdout: Any, host: User) -> None:
    if Competition.objects.filter(slug=HOUSE_SLUG).exists():
        return
    now = timezone.now()
    starts, ends = now - timedelta(days=45), now - timedelta(days=5)
    rng = np.random.default_rng(7)
    competition = create_competition(
        data=CompetitionInput(
            title="House price regression",
            slug=HOUSE_SLUG,
            subtitle="Predict sale prices (10k CNY per m²) from size, age and district",
            overview="Predict each house's price from its features. 根据面积、房龄和区域预测房价。",
            rules="One account per person; teams of up to 4. External data is allowed if shared.",
            evaluation="Root mean squared error; lower is better.",
            metric=Metric.RMSE,
            prediction_columns="price",
            starts_at=starts,
            merger_deadline=ends - timedelta(days=7),
            ends_at=ends,
            daily_limit=5,
            max_team_size=4,
            public_percent=25,
        ),
        by=host,
    )
    n = 3000
    area = rng.uniform(40, 200, n)
    age = rng.uniform(0, 40, n)
    district = rng.integers(0, 5, n)
    price = 50 + 1.8 * area - 0.9 * age + 25 * district + rng.normal(0, 15, n)
    train = ["id,area,age,district,price"] + [
        f"{i},{area[i]:.1f},{age[i]:.1f},{district[i]},{price[i]:.2f}" for i in range(2000)
    ]
    test_ids = range(2000, n)
    upload_data_file(
        competition=competition, upload=_csv("train.csv", train), by=host, description="2,000 sales"
    )
    upload_data_file(
        competition=competition,
        upload=_csv(
            "test.csv",
            ["id,area,age,district"]
            + [f"{i},{area[i]:.1f},{age[i]:.1f},{district[i]}" for i in test_ids],
        ),
        by=host,
        description="1,000 houses to price",
    )
    upload_solution(
        competition=competition,
        upload=_csv("solution.csv", ["id,price"] + [f"{i},{price[i]:.2f}" for i in test_ids]),
        by=host,
    )
    people = _users(
        [
            "wang_fang",
            "chen_jie",
            "liu_yang",
            "zhao_lei",
            "sun_li",
            "zhou_tao",
            "wu_xia",
            "huang_bo",
        ]
    )
    if len(people) < 8:
        stdout.write("competitions: demo members missing; skipped the finished competition's teams")
        return
    wang_fang, chen_jie, liu_yang, zhao_lei, sun_li, zhou_tao, wu_xia, huang_bo = people
    early = starts + timedelta(days=2)
    _merge(competition, wang_fang, chen_jie, early)
    _merge(competition, zhao_lei, sun_li, early)
    for user in (liu_yang, zhou_tao, wu_xia, huang_bo):
        join_competition(competition=competition, user=user, now=early)
    truth = price[2000:]
    noise: dict[User, list[float]] = {
        wang_fang: [18, 14],
        zhao_lei: [16, 15.5],
        liu_yang: [22],
        zhou_tao: [30, 20],
        wu_xia: [25],
        huang_bo: [40],
    }
    for user, scales in noise.items():
        for k, scale in enumerate(scales):
            guesses = truth + rng.normal(0, scale, len(truth))
            lines = ["id,price"] + [f"{i},{g:.2f}" for i, g in zip(test_ids, guesses, strict=True)]
            _submit(competition, user, lines, starts + timedelta(days=10 + 5 * k), f"gbm {k + 1}")
    for writer, title in ((wang_fang, "1st place: gradient boosting + district embeddings"),):
        from deepcommons.competitions.models import WriteUp

        team = competition.team_of(writer)
        if team is not None:
            WriteUp.objects.get_or_create(
                competition=competition,
                team=team,
                defaults={
                    "title": title,
                    "url": "https://example.com/house-prices-writeup",
                    "created_by": writer,
                },
            )
    finalize_competition(competition=competition, by=host)
    stdout.write("competitions: finished competition finalised with medals")


def build(stdout: Any) -> None:
    host = _host()
    if host is None:
        stdout.write("competitions: no administrator to host the demo; skipped")
        return
    build_text(stdout, host)
    build_house(stdout, host)
