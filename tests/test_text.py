"""Normalization and tokenization."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdiff as nd
from newsdiff.text.tokenize import tokenize_spans


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Iraq\u2019s \u201ccalm\u201d", 'iraq\'s "CALM"'),
        ("state \u2014 said", "state - said"),
        ("\ufb01ne\u2026", "fine..."),
        ("a\u00a0 \n b", "a b"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("\uff21\uff22\uff23", "abc"),  # full-width letters
    ],
)
def test_typographic_variants_normalize_alike(left: str, right: str) -> None:
    assert nd.normalize(left) == nd.normalize(right)


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = nd.normalize(text)
    assert nd.normalize(once) == once


def _surfaces(text: str) -> list[str]:
    return [text[s:e] for s, e, _, _ in tokenize_spans(text)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("al-Kadhemi", ["al-Kadhemi"]),
        ("Kadhemi\u2019s home", ["Kadhemi", "\u2019s", "home"]),
        ("KADHEMI'S", ["KADHEMI", "'S"]),
        ("the U.S. and J.R.R. Tolkien", ["the", "U.S.", "and", "J.R.R.", "Tolkien"]),
        (
            "2,500 troops, 3.5% and 10:30 on 2021-11-07",
            ["2,500", "troops", "3.5", "and", "10:30", "on", "2021-11-07"],
        ),
        ("don\u2019t stop", ["don\u2019t", "stop"]),
        ("$1.2bn", ["1.2bn"]),
        (
            "\u0627\u0644\u0639\u0631\u0627\u0642 \u4e2d\u6587",
            ["\u0627\u0644\u0639\u0631\u0627\u0642", "\u4e2d\u6587"],
        ),
    ],
)
def test_word_tokens(text: str, tokens: list[str]) -> None:
    assert _surfaces(text) == tokens


def test_token_kinds_separate_the_spin_skeleton_from_content_words() -> None:
    kinds = {
        norm: kind.value
        for _, _, norm, kind in tokenize_spans("Kadhemi urged the US and Ned Price on 7 November")
    }
    assert kinds == {
        "kadhemi": "content",  # sentence-initial capitals are grammar, not evidence
        "urged": "content",
        "the": "function",
        "us": "name",
        "and": "function",
        "ned": "name",
        "price": "name",
        "on": "function",
        "7": "number",
        "november": "name",
    }


def test_sentence_tokens_carry_document_offsets() -> None:
    doc = nd.Document.from_text("First one. Second \u201cquoted\u201d one.")
    second = doc.sentences[1]
    assert [t.text for t in second.tokens] == ["Second", "quoted", "one"]
    assert all(doc.text[t.start : t.end] == t.text for t in second.tokens)
    assert second.norm == 'second "quoted" one.'


@given(st.text(), st.text(), st.booleans())
def test_char_diff_rebuilds_both_texts(left: str, right: str, words: bool) -> None:
    from newsdiff.rewrite import char_diff

    script = char_diff(left, right, words=words)
    assert "".join(text for op, text in script if op != 1) == left
    assert "".join(text for op, text in script if op != -1) == right
    assert all(text for _, text in script)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


word_texts = st.lists(
    st.sampled_from(["calm", "and", "restraint", "restrained", "the", "attack", ",", ".", "’s"]),
    max_size=12,
).map(lambda words: " ".join(words))


@given(word_texts, word_texts)
def test_char_diff_by_words_never_splits_a_word(left: str, right: str) -> None:
    from newsdiff.rewrite import char_diff

    # Each side's text with the op boundaries marked: an edit starts and
    # ends between two characters that are not both word characters.
    for side, skip in ((left, 1), (right, -1)):
        at = 0
        for op, text in char_diff(left, right):
            if op == skip:
                continue
            if op != 0:
                for edge in (at, at + len(text)):
                    assert not (
                        0 < edge < len(side)
                        and _is_word_char(side[edge - 1])
                        and _is_word_char(side[edge])
                    ), (side, edge)
            at += len(text)


def test_char_diff_keeps_the_words_a_restructured_sentence_shares() -> None:
    from newsdiff.rewrite import char_diff

    left = (
        "After a drone attack on his home, Prime Minister Mustafa al-Kadhemi said he was unharmed."
    )
    right = "Prime Minister Mustafa al-Kadhemi said he was unhurt after a drone attack."
    kept = "".join(text for op, text in char_diff(left, right) if op == 0)
    # Spaces are not units of their own: they cannot pair each word of one
    # side with a word of the other and leave only the spaces in common.
    assert "Prime Minister Mustafa al-Kadhemi said he was" in kept
    assert char_diff("calm and restraint", "calm and restrained") == [
        (0, "calm and "),
        (-1, "restraint"),
        (1, "restrained"),
    ]
