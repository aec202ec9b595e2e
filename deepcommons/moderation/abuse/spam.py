"""Spam score for new posts from low-trust members, as a posts screen.

The score is between 0 and 1: the points of a few rules (link density, one
domain repeated, URL shorteners, shouting, repeated text, known spam
phrases, a brand-new account's first post carrying links), capped at 1,
combined with the text classifier's spam probability when one has been
trained (`1 - (1 - rules)(1 - model)`). At or above ABUSE_SPAM_THRESHOLD
(0.7) the post is held for review instead of being published.

The classifier (TF-IDF over character n-grams and logistic regression) is
trained on the community's own posts removed as spam, against live posts, by
`manage.py train_spam_model`; it is stored in the data folder, loaded on
first use, and without it the rules decide alone. Nothing leaves the machine.
"""

from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from deepcommons.moderation.abuse import content
from deepcommons.posts.models import Post
from deepcommons.posts.screening import Verdict

SHORTENERS = frozenset(
    {
        "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
        "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id", "v.gd", "url.cn", "dwz.cn",
    }
)  # fmt: skip
SPAM_PHRASES = (
    "buy now", "click here", "free money", "casino", "viagra", "work from home",
    "limited offer", "limited time offer", "100% guaranteed", "make money", "earn money",
    "cheap followers", "seo services", "discount code", "payday loan", "crypto investment",
    "whatsapp", "telegram me", "betting", "escort", "replica watches", "weight loss",
    "加微信", "代写", "刷单", "赌场", "博彩", "贷款", "免费领取", "兼职日结",
)  # fmt: skip

# Points per rule; their sum is capped at 1.
POINTS = {
    "link_density": 0.4,
    "repeated_domain": 0.4,
    "shortener": 0.5,
    "shouting": 0.3,
    "repeated_text": 0.3,
    "spam_phrase": 0.3,  # per phrase, at most two
    "new_account_links": 0.4,
}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SpamScore:
    score: float
    rules: float
    model: float | None
    reasons: list[str] = field(default_factory=list)


def threshold() -> float:
    return float(getattr(settings, "ABUSE_SPAM_THRESHOLD", 0.7))


def max_trust_level() -> int:
    return int(getattr(settings, "ABUSE_SPAM_MAX_TRUST_LEVEL", 1))


def model_path() -> Path:
    return Path(getattr(settings, "ABUSE_SPAM_MODEL_PATH", settings.DATA_DIR / "spam_model.joblib"))


def rule_points(*, author: Any, text: str, found: content.Contents) -> tuple[float, list[str]]:
    """The rules' points for `text` (title and body) and the names of the rules that fired."""
    reasons: list[str] = []
    points = 0.0
    words = max(1, len(_WORD.findall(text)))
    links = len(found.links)
    if links >= 2 and links * 20 >= words:  # a link for every 20 words or fewer
        reasons.append("link_density")
    domains = found.domains
    if domains and max(domains.count(d) for d in set(domains)) >= 3:
        reasons.append("repeated_domain")
    if any(d in SHORTENERS or d.removeprefix("www.") in SHORTENERS for d in domains):
        reasons.append("shortener")
    letters = [c for c in text if c.isalpha() and c.isascii()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        reasons.append("shouting")
    if _is_repetitive(text):
        reasons.append("repeated_text")
    lowered = text.lower()
    phrases = [p for p in SPAM_PHRASES if p in lowered]
    if links and _is_new_account(author):
        reasons.append("new_account_links")
    points = sum(POINTS[r] for r in reasons) + POINTS["spam_phrase"] * min(2, len(phrases))
    if phrases:
        reasons.append("spam_phrase")
    return min(1.0, points), reasons


def _is_repetitive(text: str) -> bool:
    lines = [line.strip().lower() for line in text.splitlines() if line.strip()]
    if len(lines) >= 3 and max(lines.count(line) for line in set(lines)) >= 3:
        return True
    raw = text.encode()
    # Text that compresses to under a quarter of its size repeats itself.
    return len(raw) >= 200 and len(zlib.compress(raw)) / len(raw) < 0.25


def _is_new_account(author: Any) -> bool:
    joined = getattr(author, "date_joined", None)
    if joined is None or timezone.now() - joined > timedelta(days=1):
        return False
    return not Post.objects.filter(author=author).exists()


def score_text(*, author: Any, title: str, body: str) -> SpamScore:
    text = f"{title}\n{body}" if title else body
    found = content.read(body)
    rules, reasons = rule_points(author=author, text=text, found=found)
    probability = classifier.probability(text)
    if probability is None:
        total = rules
    else:
        total = 1 - (1 - rules) * (1 - probability)
        if probability >= threshold():
            reasons.append("classifier")
    return SpamScore(score=total, rules=rules, model=probability, reasons=reasons)


def screen_spam(*, author: Any, kind: str, data: dict[str, Any]) -> Verdict | None:
    """Hold a post from a low-trust member whose spam score reaches the threshold."""
    if not content.screens_enabled():
        return None
    if kind == "comment" or getattr(author, "trust_level", 0) > max_trust_level():
        return None
    if getattr(author, "is_staff", False) or getattr(author, "is_moderator", False):
        return None
    result = score_text(author=author, title=data.get("title", ""), body=data.get("body", ""))
    if result.score < threshold():
        return None
    return Verdict.hold(
        gettext("Possible spam (score %(score).2f: %(rules)s).")
        % {"score": result.score, "rules": ", ".join(result.reasons)}
    )


class _Classifier:
    """The trained model, loaded from disk on first use and again when the file changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pipeline: Any = None
        self._loaded: tuple[Path, float] | None = None

    def probability(self, text: str) -> float | None:
        pipeline = self._get()
        if pipeline is None:
            return None
        return float(pipeline.predict_proba([text])[0][1])

    def _get(self) -> Any:
        path = model_path()
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError:
            self._pipeline, self._loaded = None, None
            return None
        if (path, mtime) != self._loaded:
            with self._lock:
                import joblib

                self._pipeline = joblib.load(path)
                self._loaded = (path, mtime)
        return self._pipeline


classifier = _Classifier()


def build_pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, max_features=200_000
        ),
        LogisticRegression(class_weight="balanced", max_iter=1000, C=10.0),
    )


def train(spam: list[str], ham: list[str]) -> Any:
    """A fitted pipeline: spam is class 1."""
    pipeline = build_pipeline()
    pipeline.fit(spam + ham, [1] * len(spam) + [0] * len(ham))
    return pipeline


def save(pipeline: Any, path: Path | None = None) -> Path:
    import joblib

    path = path or model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    joblib.dump(pipeline, tmp)
    tmp.replace(path)  # atomic: a reader never sees half a model
    return path
