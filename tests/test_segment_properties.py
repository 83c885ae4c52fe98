"""Properties of segmentation that hold for any text at all."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import newsdiff as nd
from newsdiff.text.segment import MAX_UNIT_CHARS

# Text built from pieces that stress the segmenter: sentence punctuation,
# quotes, abbreviations, line breaks of every kind, control characters, NUL,
# right-to-left and CJK scripts, emoji, and arbitrary Unicode.
_PIECES = st.sampled_from(
    [
        ". ",
        "! ",
        "? ",
        "... ",
        "\u2026 ",
        ".\u201d ",
        "?\u201d she said. ",
        "Mr. ",
        "U.S. ",
        "a.m. ",
        "J. ",
        "No. 5 ",
        "2,500 ",
        "3.5 ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u2028",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x85",
        "\x00",
        "\t",
        " ",
        "  ",
        "\u00a0",
        "\u200b",
        "BAGHDAD (AFP) - ",
        "date 2021-11-07 ",
        "READ ALSO: ",
        "By Jane Doe",
        "Mounting tensions",
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "(",
        ")",
        "-",
        "\u2014",
        "The attack",
        "he said",
        "Kadhemi\u2019s",
        "al-Kadhimi",
        "\u0627\u0644\u0639\u0631\u0627\u0642",
        "\u4e2d\u6587\u3002",
        "\U0001f600",
        # The constructs of issue 13: spaced ellipses, list markers, lone
        # capitals, abbreviation pairs, citations, long agencies, CJK marks.
        ". . . ",
        " .",
        "\u00a0.",
        "1) ",
        "2.) ",
        "(3) ",
        "a. ",
        "b. ",
        ": ",
        "\u2022 ",
        "\u2043 1 ",
        "Gate C. ",
        "was I. ",
        "D.C. Mr. ",
        "Ref. No. ",
        "[...]\u201d (Smith 55). ",
        "RIVERTON, Ore. (Valley Wire) - ",
        "\u3002",
        "\uff01",
        "\u300d\u3068",
        "\u061f ",
        "\u0964 ",
    ]
)
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join),
)


def _check_units(text: str, sentences: tuple[nd.Sentence, ...]) -> None:
    """The span invariants every segmentation must satisfy."""
    position = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert position <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert not sentence.text[0].isspace() and not sentence.text[-1].isspace()
        assert len(sentence.text) <= MAX_UNIT_CHARS
        # Everything between two units is whitespace: nothing is lost.
        assert text[position : sentence.start].isspace() or position == sentence.start
        position = sentence.end
    assert text[position:].isspace() or position == len(text)


@given(texts)
def test_spans_are_ordered_and_cover_every_non_whitespace_character(text: str) -> None:
    _check_units(text, nd.segment(text))


@given(texts)
def test_segmentation_is_deterministic(text: str) -> None:
    assert nd.segment(text) == nd.segment(text)


@given(texts)
def test_paragraphs_never_decrease(text: str) -> None:
    paragraphs = [s.paragraph for s in nd.segment(text)]
    assert paragraphs == sorted(paragraphs)


@given(texts)
def test_token_spans_lie_inside_their_sentence(text: str) -> None:
    for sentence in nd.segment(text):
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
            assert text[token.start : token.end] == token.text
            assert token.norm


@given(st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_one_huge_line_is_cut_into_bounded_units(word: str) -> None:
    text = (word + " ") * (3 * MAX_UNIT_CHARS // len(word) + 1)
    _check_units(text, nd.segment(text))
