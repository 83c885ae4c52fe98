"""The align core's shortcuts against the slow, obviously-correct paths they skip.

Each shortcut claims to give exactly what the general path gives on the inputs
it takes; these properties hold it to that with small alphabets, where
repeated tokens and near-ties (the cases a shortcut could get wrong) are
common.
"""

from __future__ import annotations

import difflib

from hypothesis import example, given
from hypothesis import strategies as st

import newsdiff as nd
from aligner_sides import body_sides
from newsdiff.aligner import _settled_copies
from newsdiff.rewrite import _in_common, _shared_tokens, common_ends, substitutions
from newsdiff.similarity import (
    KIND_WEIGHTS,
    Features,
    _describe,
    by_rarity,
    features,
    lcs_length,
    position_masks,
    rarity,
    reweighted,
)
from newsdiff.text.tokenize import _TOKEN, TokenKind, describe_token, token_surfaces


def _difflib_substitutions(left: Features, right: Features) -> tuple[tuple[str, str], ...]:
    """The general path: common ends trimmed, then the equal-length replace
    opcodes of difflib on the middles, content word against content word."""
    a, b = left.norms, right.norms
    start, end = common_ends(a, b)
    matcher = difflib.SequenceMatcher(
        None, a[start : len(a) - end], b[start : len(b) - end], autojunk=False
    )
    pairs: list[tuple[str, str]] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "replace" and i2 - i1 == j2 - j1:
            pairs.extend(
                (a[start + i], b[start + j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                if left.kinds[start + i] is TokenKind.CONTENT
                and right.kinds[start + j] is TokenKind.CONTENT
            )
    return tuple(pairs)


# Few words, content and function mixed, so that swaps in place, repeats and
# shared ends all occur.
_WORDS = st.sampled_from("calm and restraint patience the police said of talks".split())
_SPINS = st.lists(st.tuples(_WORDS, _WORDS, st.booleans()), min_size=1, max_size=14)


@given(_SPINS)
def test_substitutions_agree_with_difflib_on_spun_pairs(spins: list[tuple[str, str, bool]]) -> None:
    # Pairs of sentences that differ by words swapped in place (the diagonal
    # shortcut), by unrelated words (the disjoint one), or by insertions.
    left = " ".join(a for a, _, _ in spins)
    right = " ".join(b if swap else a for a, b, swap in spins)
    for a, b in ((left, right), (right, left), (left, right + " of talks")):
        f, g = features(a), features(b)
        assert substitutions(f, g) == _difflib_substitutions(f, g)


@given(st.lists(_WORDS, max_size=12), st.lists(_WORDS, max_size=12))
def test_substitutions_agree_with_difflib_on_any_pair(left: list[str], right: list[str]) -> None:
    f, g = features(" ".join(left)), features(" ".join(right))
    assert substitutions(f, g) == _difflib_substitutions(f, g)


@given(st.lists(_WORDS, max_size=12), st.lists(_WORDS, max_size=12))
def test_counts_in_common_agree_with_the_whole_sequences(left: list[str], right: list[str]) -> None:
    # classify counts the LCS and the shared tokens on the middles only.
    a, b = tuple(left), tuple(right)
    start, end, common, shared = _in_common(a, b)
    assert (start, end) == common_ends(a, b)
    assert common == lcs_length(position_masks(a), len(a), b)
    assert shared == _shared_tokens(a, b)


@given(st.text(alphabet="aAbBzZ09sS'.-\u00e9\u0130", min_size=1, max_size=6))
def test_token_description_shortcuts_agree_with_describe_token(surface: str) -> None:
    assert _describe({}, surface) == describe_token(surface)


# "Police said so" and "So said police" have the same bag under different keys.
_SENTENCES = st.lists(
    st.sampled_from(["Calm was restored", "Police said so", "So said police", "Talks resumed"]),
    max_size=8,
)


@given(_SENTENCES, _SENTENCES)
def test_settled_copies_match_the_bag_count_definition(left: list[str], right: list[str]) -> None:
    a = nd.Document.from_text(". ".join(left) + ".", id="a")
    b = nd.Document.from_text(". ".join(right) + ".", id="b")
    side_a, side_b = body_sides(a, b)
    feature_a = [side_a.features[indices[0]] for indices in side_a.types.values()]
    feature_b = [side_b.features[indices[0]] for indices in side_b.types.values()]
    bags = [frozenset(f.bag.items()) for f in (*feature_a, *feature_b)]
    expected = {
        key
        for key, feature in zip(side_b.types, feature_b, strict=True)
        if key in side_a.types
        and len(side_b.types[key]) <= len(side_a.types[key])
        and bags.count(frozenset(feature.bag.items())) == 2
    }
    assert _settled_copies(side_a, side_b, feature_a, feature_b) == expected


def _weighted_by_counting(feature: Features, weights: dict[str, int]) -> dict[str, int]:
    """The reweighted bag by its definition: every token weighs its kind
    weight plus its fold's rarity weight less one."""
    bag: dict[str, int] = {}
    for form, kind in zip(feature.folds, feature.kinds, strict=True):
        bag[form] = bag.get(form, 0) + KIND_WEIGHTS[kind] + weights[form] - 1
    return bag


# Repeated words in a sentence, and words every, some or one sentence holds.
_REPEATS = st.lists(st.lists(_WORDS, min_size=1, max_size=10), min_size=1, max_size=12)


@given(_REPEATS)
def test_reweighting_by_rarity_agrees_with_counting_each_token(sentences: list[list[str]]) -> None:
    collection = {text: features(text) for text in (" ".join(words) for words in sentences)}
    weights = rarity(collection.values())
    weighted = by_rarity(collection)
    assert list(weighted) == list(collection)
    for text, feature in collection.items():
        bag = _weighted_by_counting(feature, weights.weights)
        expected = feature._replace(
            bag=bag,
            total=sum(bag.values()),
            informative_weight=sum(bag[form] for form in feature.informative),
        )
        assert weighted[text] == reweighted(feature, weights) == expected
        assert list(weighted[text].bag) == list(feature.bag)  # the same order of keys


# Characters around each branch of the token pattern: letters, digits, the
# separators of numbers, dots, hyphens, apostrophes (straight, typographic),
# possessive s, typographic punctuation, and a non-ASCII letter, mark, digit
# and number.
_TOKEN_CHARACTERS = st.sampled_from(
    list(
        "aZs S09.,:/-'_ \n\u2019\u2010\u2011\u201c\u00a0\u2026\u00e9\u0301\u0663\u00bd"
        "\u200b\u200c\u200d\u203f\u2054\u2060"  # zero-width, joiners, connectors
    )
)


@given(st.text(_TOKEN_CHARACTERS, max_size=40))
@example("Obama's\u200d plan")  # a joiner: a word character for regex's \b only
def test_token_surfaces_agree_with_the_unicode_pattern(text: str) -> None:
    # ASCII text takes the standard library's spelling of the pattern.
    assert token_surfaces(text) == [match.group() for match in _TOKEN.finditer(text)]
