from pathlib import Path

import pytest
from django.test import override_settings

from deepcommons.search.segment import index_text, reset_tokenizer, to_simplified, words


def test_custom_dictionary_keeps_deep_learning_terms_whole() -> None:
    assert "卷积神经网络" in words("卷积神经网络的反向传播")
    assert "反向传播" in words("卷积神经网络的反向传播")
    assert "注意力机制" in words("什么是注意力机制")


def test_index_text_also_holds_the_inner_words() -> None:
    tokens = index_text("卷积神经网络").split()
    assert {"卷积神经网络", "神经网络", "卷积"} <= set(tokens)


def test_mixed_text_keeps_english_words() -> None:
    assert words("PyTorch 显存不足") == ["pytorch", "显存不足"]
    assert index_text("Loss_fn in C++ and GPT-3.5") == "loss fn in c and gpt 3 5"


def test_emoji_and_punctuation_are_dropped() -> None:
    assert words("🚀🔥 ！？") == []
    assert index_text("😀") == ""


@pytest.fixture
def fresh_tokenizer() -> object:
    reset_tokenizer()
    yield
    reset_tokenizer()


def test_operators_extend_the_dictionary(tmp_path: Path, fresh_tokenizer: object) -> None:
    user_dict = tmp_path / "terms.txt"
    user_dict.write_text("稀疏专家混合 2000 n\n", encoding="utf-8")
    with override_settings(SEARCH_USER_DICT=str(user_dict)):
        reset_tokenizer()
        assert "稀疏专家混合" in words("稀疏专家混合模型")


def test_a_missing_user_dictionary_is_ignored(fresh_tokenizer: object) -> None:
    with override_settings(SEARCH_USER_DICT="/nonexistent/terms.txt"):
        reset_tokenizer()
        assert words("梯度消失") == ["梯度消失"]


def test_traditional_characters_become_simplified() -> None:
    assert to_simplified("神經網絡的反向傳播與卷積") == "神经网络的反向传播与卷积"
    # Converted by phrase where one character has several simplified forms.
    assert to_simplified("乾燥的乾隆年間") == "干燥的乾隆年间"
    assert to_simplified("PyTorch 顯存 🔥 loss!") == "PyTorch 显存 🔥 loss!"
    assert to_simplified("only English") == "only English"
    assert to_simplified("") == ""


def test_queries_and_index_text_use_the_simplified_words() -> None:
    assert words("神經網絡") == words("神经网络") == ["神经网络"]
    assert words("反向傳播 卷積") == ["反向传播", "卷积"]
    assert index_text("卷積神經網絡") == index_text("卷积神经网络")
