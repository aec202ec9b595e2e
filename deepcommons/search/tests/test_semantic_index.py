"""Which text the model is given (no model needed)."""

from __future__ import annotations

from deepcommons.search import semantic


def test_only_text_that_is_mostly_not_cjk_is_embedded() -> None:
    assert semantic.can_embed("Loss becomes NaN with fp16")
    assert semantic.can_embed("Tokenising 中文 text with a BERT vocabulary: which tokenizer?")
    assert not semantic.can_embed("PyTorch 训练时显存不足")
    assert not semantic.can_embed("ディープラーニング入門")
    assert semantic.can_embed("")
