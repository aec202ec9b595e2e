"""Word segmentation for search: jieba with the deep-learning dictionary.

Chinese has no spaces, so the full-text engines (FTS5's unicode61 tokenizer,
PostgreSQL's parser) would see a whole sentence as one word. Both the indexed
text and the query are segmented here first and joined with spaces; English
and digits pass through as words. Index time uses jieba's search mode, which
also emits the shorter words inside long ones (卷积神经网络 → 卷积, 神经网络, …),
so a query for 神经网络 finds a post about 卷积神经网络.

Traditional characters are converted to simplified ones first (OpenCC's
`t2s`, which converts by phrase where a character alone is ambiguous, so
乾隆 stays 乾隆 while 乾燥 becomes 干燥), in the index and in queries alike,
so 神經網絡 finds 神经网络 and the reverse. Text without Chinese is left alone.

The tokenizer is built once per process (about a second) with
`data/dl_terms.txt` and, if set, the operator's `SEARCH_USER_DICT` file
(one `word [frequency] [tag]` per line, jieba's format).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import jieba
import opencc
from django.conf import settings

logger = logging.getLogger(__name__)

DL_TERMS = Path(__file__).resolve().parent / "data" / "dl_terms.txt"
_RUN = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def get_tokenizer() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer with the custom dictionaries loaded."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                tokenizer = jieba.Tokenizer()
                jieba.setLogLevel(logging.WARNING)
                tokenizer.initialize()
                tokenizer.load_userdict(str(DL_TERMS))
                extra = getattr(settings, "SEARCH_USER_DICT", "")
                if extra:
                    try:
                        tokenizer.load_userdict(str(extra))
                    except OSError:
                        logger.warning("SEARCH_USER_DICT %s could not be read", extra)
                _tokenizer = tokenizer
    return _tokenizer


def reset_tokenizer() -> None:
    """Forget the tokenizer so the next call reloads the dictionaries (tests, reloads)."""
    global _tokenizer
    with _lock:
        _tokenizer = None


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


_converter: opencc.OpenCC | None = None


def to_simplified(text: str) -> str:
    """`text` with traditional Chinese characters in simplified form (same length
    in practice; anything that is not Chinese is unchanged)."""
    global _converter
    if not text or not has_cjk(text):
        return text
    if _converter is None:
        with _lock:
            if _converter is None:
                _converter = opencc.OpenCC("t2s")
    return str(_converter.convert(text))


def _clean(tokens: Iterable[str]) -> list[str]:
    """Lower-cased runs of word characters: jieba keeps `c++` or `gpt-3.5` whole,
    the engines would split them, so split them here the same way."""
    out: list[str] = []
    for token in tokens:
        out.extend(_RUN.findall(token.lower()))
    return out


def words(text: str) -> list[str]:
    """Query-time segmentation: the words of `text`, lower-cased, punctuation dropped."""
    if not text:
        return []
    if not has_cjk(text):
        return _clean([text])
    return _clean(get_tokenizer().cut(to_simplified(text), HMM=False))


def _with_inner_words(tokens: Iterable[str], tokenizer: jieba.Tokenizer) -> Iterator[str]:
    """Each word, preceded by the dictionary words inside it (of any length, unlike
    jieba's search mode, which only looks at 2- and 3-character pieces)."""
    freq = tokenizer.FREQ
    for token in tokens:
        n = len(token)
        if n > 2 and _CJK.search(token):
            for size in range(2, n):
                for start in range(n - size + 1):
                    piece = token[start : start + size]
                    if freq.get(piece):
                        yield piece
        yield token


def index_text(text: str) -> str:
    """Index-time segmentation: words (plus inner words of long Chinese ones) joined by spaces."""
    if not text:
        return ""
    if not has_cjk(text):
        return " ".join(_clean([text]))
    tokenizer = get_tokenizer()
    text = to_simplified(text)
    return " ".join(_clean(_with_inner_words(tokenizer.cut(text, HMM=False), tokenizer)))
