from __future__ import annotations

import random
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from sklearn.metrics import roc_auc_score

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.moderation.abuse import spam
from deepcommons.moderation.models import Queue, ReviewItem
from deepcommons.moderation.services import destroy_spammer
from deepcommons.posts.models import Kind, Post, Status
from deepcommons.posts.tests.factories import make_answer, make_question

pytestmark = [pytest.mark.real_screens, pytest.mark.django_db]

LINK_SPAM = (
    "Buy cheap followers now! Best SEO services: https://bit.ly/3xYz and "
    "https://bit.ly/4abc click here"
)
NORMAL = (
    "Your learning rate is probably too high. Try 1e-4 with Adam, and clip the gradient "
    "norm to 1.0; NaN usually appears after the loss explodes."
)


@pytest.fixture(autouse=True)
def _model_path(settings: Any, tmp_path: Path) -> Path:
    settings.ABUSE_SPAM_MODEL_PATH = tmp_path / "spam_model.joblib"
    return settings.ABUSE_SPAM_MODEL_PATH


def aged(user: User, level: int, days: int = 30) -> User:
    User.objects.filter(pk=user.pk).update(
        trust_level=level, date_joined=timezone.now() - timedelta(days=days)
    )
    user.refresh_from_db()
    return user


def test_a_link_spam_answer_from_a_new_member_is_held(
    alice_client: Client, alice: User, bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    question = make_question(author=aged(bob, 2))
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            reverse("posts:answer-create", args=[question.pk]), {"body": LINK_SPAM}
        )
    assert response.status_code == 302
    answer = Post.objects.get(kind=Kind.ANSWER, author=alice)
    assert answer.status == Status.HELD
    assert answer.hold_reason.startswith("Possible spam")
    assert "shortener" in answer.hold_reason and "new_account_links" in answer.hold_reason
    assert ReviewItem.objects.filter(queue=Queue.HELD, post=answer).exists()
    # The question's other readers do not see it.
    assert LINK_SPAM[:20] not in Client().get(question.get_absolute_url()).content.decode()


def test_a_normal_answer_from_a_new_member_is_published(
    alice_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=aged(bob, 2))
    alice_client.post(reverse("posts:answer-create", args=[question.pk]), {"body": NORMAL})
    assert Post.objects.get(kind=Kind.ANSWER, author=alice).status == Status.PUBLISHED


def test_a_trusted_member_is_not_scored(alice: User, bob: User) -> None:
    question = make_question(author=aged(bob, 2))
    answer = make_answer(question, author=aged(alice, 2), body=LINK_SPAM)
    assert answer.status == Status.PUBLISHED


def test_rules_fire_for_what_they_name(alice: User) -> None:
    aged(alice, 0)

    def reasons(text: str) -> list[str]:
        return spam.score_text(author=alice, title="", body=text).reasons

    assert "repeated_domain" in reasons(
        " ".join(f"see https://shop.example/p{n}" for n in range(3)) + " " + "word " * 80
    )
    assert "shouting" in reasons("THIS IS THE BEST OFFER YOU WILL EVER SEE IN YOUR LIFE")
    assert "repeated_text" in reasons("great deal\n" * 5)
    assert "spam_phrase" in reasons("加微信领取免费资料")
    assert "link_density" in reasons("https://a.example/x https://b.example/y")
    assert reasons(NORMAL) == []
    # The rules decide alone while no model has been trained.
    assert spam.score_text(author=alice, title="", body=NORMAL).model is None


def test_a_new_account_posting_links_in_its_first_post_scores(bob: User) -> None:
    newcomer = UserFactory.create(username="newcomer")
    text = "I wrote about this at https://blog.example/post, hope it helps with the question."
    assert "new_account_links" in spam.score_text(author=newcomer, title="", body=text).reasons
    assert (
        "new_account_links" not in spam.score_text(author=aged(bob, 0), title="", body=text).reasons
    )


# Generated posts: spam mixes promotion phrases, shops and shortened links;
# ham is deep-learning questions and answers. Both share filler words.
SPAM_BITS = [
    "best price", "order today", "cheap", "discount", "visit our store", "free shipping",
    "bonus", "casino", "win big", "followers", "replica", "luxury", "deal", "promo code",
    "buy", "sale", "guaranteed results", "earn cash", "limited", "exclusive offer",
]  # fmt: skip
HAM_BITS = [
    "gradient", "learning rate", "batch size", "transformer", "attention", "loss",
    "overfitting", "dropout", "optimizer", "tensor", "embedding", "fine-tune", "epoch",
    "validation set", "convolution", "tokenizer", "GPU memory", "backprop", "layer norm",
    "checkpoint",
]  # fmt: skip
FILLER = ["the", "and", "with", "for", "this", "my", "is", "it", "to", "how", "why", "when"]


def generate(rng: random.Random, bits: list[str], n: int) -> list[str]:
    texts = []
    for _ in range(n):
        words = rng.choices(bits, k=rng.randint(3, 7)) + rng.choices(FILLER, k=rng.randint(4, 12))
        rng.shuffle(words)
        texts.append(" ".join(words))
    return texts


def test_the_classifier_ranks_held_out_spam_above_ham() -> None:
    rng = random.Random(13)
    spam_texts, ham_texts = generate(rng, SPAM_BITS, 200), generate(rng, HAM_BITS, 200)
    model = spam.train(spam_texts[:100], ham_texts[:100])
    held_out = spam_texts[100:] + ham_texts[100:]
    labels = [1] * 100 + [0] * 100
    scores = model.predict_proba(held_out)[:, 1]
    # Tolerance on generated data: ROC AUC of at least 0.9.
    assert roc_auc_score(labels, scores) >= 0.9


def test_train_spam_model_learns_from_destroyed_spammers(
    alice: User, bob: User, _model_path: Path
) -> None:
    moderator = UserFactory.create(username="mod", is_staff=True, is_superuser=True)
    question = make_question(author=aged(bob, 2))
    rng = random.Random(7)
    spammer = aged(UserFactory.create(username="spammer"), 2)
    for text in generate(rng, SPAM_BITS, 12):
        make_answer(question, author=spammer, body=text)
    for text in generate(rng, HAM_BITS, 12):
        make_answer(question, author=aged(alice, 2), body=text)
    destroy_spammer(user=spammer, by=moderator, reason="Spam ring")

    out = StringIO()
    call_command("train_spam_model", stdout=out)

    assert "Trained on 12 spam" in out.getvalue()
    assert _model_path.exists()
    newcomer = aged(UserFactory.create(username="newcomer"), 0)
    spammy = spam.score_text(author=newcomer, title="", body="cheap replica deal order today")
    hammy = spam.score_text(author=newcomer, title="", body="dropout and layer norm in my epoch")
    assert spammy.model is not None and hammy.model is not None
    assert spammy.model > 0.5 > hammy.model


def test_train_spam_model_says_when_there_is_too_little_spam(alice: User) -> None:
    make_question(author=alice)
    with pytest.raises(CommandError, match="Need at least 5 spam"):
        call_command("train_spam_model")
