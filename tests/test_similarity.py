"""The sentence score (folded token bags) and the rewrite-kind rules.

Real-data figures live in ``benchmarks/bench_real.py``; these tests pin the
behaviour those figures rest on and need no data beyond the repository.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import newsdiff as nd
from news_strategies import WORDS as NEWS_WORDS
from newsdiff.rewrite import KindOptions, RewriteKind, classify, content_kept
from newsdiff.similarity import features, fold, rarity, reweighted, similarity
from newsdiff.text.lexicon import FUNCTION_WORDS

GOLDEN = Path(__file__).parent / "golden" / "rewrite_kinds.jsonl"

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", min_size=1, max_size=12)
sentences = st.lists(
    st.sampled_from(
        "the attack attacked attacks on Sunday troops troop said says 2,500 "
        "Kadhemi Kadhemi's calm restraint patience home residence was were".split()
    ),
    min_size=1,
    max_size=15,
).map(" ".join)


# -- folding ------------------------------------------------------------------


def test_inflections_and_title_case_meet() -> None:
    assert fold("attack") == fold("attacked") == fold("attacks") == fold("attacking")
    assert fold("syria") == fold("syrian")
    left, right = (
        features("Ukraine leader pledges crisis talks"),
        features("Ukraine Leader Pledges Crisis Talks"),
    )
    assert similarity(left, right) == pytest.approx(0.9, abs=0.1)
    assert set(left.bag) == set(right.bag)


def test_function_words_and_numbers_stay_whole() -> None:
    for word in ("the", "was", "being", "others"):
        assert word in FUNCTION_WORDS
        assert fold(word) == word
    assert fold("2,500") == "2,500"
    assert fold("10th") == "10th"


@given(words)
def test_a_fold_is_never_a_function_word_unless_the_word_is(word: str) -> None:
    # Folding must not move a word into the skeleton a spinner leaves.
    folded = fold(word)
    assert folded
    if word not in FUNCTION_WORDS:
        assert folded not in FUNCTION_WORDS


@given(sentences, sentences)
def test_similarity_is_symmetric_and_in_unit_interval(left: str, right: str) -> None:
    f, g = features(left), features(right)
    assert similarity(f, g) == similarity(g, f)
    assert 0.0 <= similarity(f, g) <= 1.0
    assert similarity(f, f) == (1.0 if f.total else 0.0)


@given(sentences)
def test_folds_parallel_norms_and_key_the_bag(text: str) -> None:
    feature = features(text)
    assert feature.folds == tuple(fold(norm) for norm in feature.norms)
    assert set(feature.bag) == set(feature.folds)


# -- rarity weights -----------------------------------------------------------


@given(st.lists(sentences, min_size=1, max_size=8), sentences, sentences)
def test_rarity_weighted_bags_keep_the_score_exact(
    collection: list[str], left: str, right: str
) -> None:
    weights = rarity(features(text) for text in collection)
    f, g = reweighted(features(left), weights), reweighted(features(right), weights)
    for plain, weighted in ((features(left), f), (features(right), g)):
        assert set(weighted.bag) == set(plain.bag)  # the same keys, other weights
        assert weighted.total == sum(weighted.bag.values())
        assert weighted.informative_weight == sum(weighted.bag[t] for t in weighted.informative)
        assert weighted._replace(bag=plain.bag, total=plain.total) == plain._replace(
            informative_weight=weighted.informative_weight
        )
        assert all(isinstance(w, int) and w >= 1 for w in weighted.bag.values())
    assert similarity(f, g) == similarity(g, f)
    assert 0.0 <= similarity(f, g) <= 1.0
    assert similarity(f, f) == (1.0 if f.total else 0.0)


@given(st.lists(sentences, min_size=1, max_size=12))
def test_rarer_tokens_weigh_more(collection: list[str]) -> None:
    described = [features(text) for text in collection]
    weights = rarity(described)
    held = {token: sum(token in f.bag for f in described) for token in weights.weights}
    for token, weight in weights.weights.items():
        for other, other_weight in weights.weights.items():
            if held[token] < held[other]:
                assert weight >= other_weight
        assert weights.unseen >= weight


def test_a_collection_too_small_to_tell_keeps_the_kind_weights() -> None:
    pair = [features("The army said"), features("The court said")]
    weights = rarity(pair)
    assert [reweighted(f, weights) for f in pair] == pair


def test_words_every_sentence_has_count_least() -> None:
    speakers = "army rebels police mayor court union bank".split()
    weights = rarity(features(f"the {speaker} said") for speaker in speakers)
    left, right = features("The army said"), features("The court said")
    # By kind, "said" weighs as much as the speakers; every sentence has it,
    # so with rarity the speakers outweigh it and the statements part.
    assert similarity(reweighted(left, weights), reweighted(right, weights)) < similarity(
        left, right
    )


# -- rewrite kinds ------------------------------------------------------------


def _kind(left: str, right: str, **changes: object) -> tuple[RewriteKind, str]:
    kind, evidence = classify(features(left), features(right), KindOptions(**changes))  # type: ignore[arg-type]
    return kind, evidence.rule


def test_each_rule_decides_its_kind() -> None:
    assert _kind("I've created a lot of problems.", "Ive created a lot of problems.") == (
        RewriteKind.COPY,
        "same-words",
    )
    assert _kind(
        "Nordstrom is expanding its play area, adding fish tanks.",
        "Nordstrom is expanding its play area, adding fish tanks for children while parents shop.",
    ) == (RewriteKind.EDIT, "wording-kept")
    assert _kind(
        "One is for parts, the second car is sitting in my brother's garage where rust "
        "can't find it.",
        "One is for environment, the second auto is model in my buddy's carport where "
        "corrosion can't happen it.",
    ) == (RewriteKind.SPIN, "words-swapped")
    assert _kind(
        "The big winner was the movement of Moqtada Sadr, with 70 seats.",
        "With 70 seats, the movement of Moqtada Sadr was the big winner.",
    ) == (RewriteKind.EDIT, "words-moved")
    assert _kind(
        "Police said two people were hurt in the blast.",
        "Two people were injured in the blast, police said.",
    ) == (RewriteKind.SPIN, "clauses-flipped")
    assert _kind(
        "The fire in the old town of Porto was the worst to hit the home of the mayor, "
        "who has been in office since June 2019.",
        "The blaze in the old town of Porto was the worst to strike the mayor's house "
        "since he took office in June 2019.",
    ) == (RewriteKind.SPIN, "skeleton-kept")
    assert _kind(
        "My residence has been the target of a cowardly assault.",
        "A brutal attack was launched against my home.",
    ) == (RewriteKind.PARAPHRASE, "reworded")


def test_cuts_and_small_changes_read_as_edits() -> None:
    # A trailing clause cut takes content words with it; they were deleted,
    # not swapped, so the kept skeleton does not make the pair spin.
    cut = "The store opened in 2003 (2004 in Europe)."
    full = "The store opened in 2003 (2004 in Europe) at a time when piracy seemed unbeatable."
    assert _kind(cut, full) == (RewriteKind.EDIT, "wording-kept")
    # One word replaced, a third of the content: still only a word changed,
    # though the skeleton outlives the content words by the spinner's gap.
    tours, visits = (
        "Tours are held at least two days ahead.",
        "Group visits are held at least two days ahead.",
    )
    assert _kind(tours, visits) == (RewriteKind.EDIT, "wording-kept")
    assert _kind(tours, visits, edit_max_changed=0) == (RewriteKind.SPIN, "words-swapped")
    # One word of two respelled is half the words, but only a word changed.
    assert _kind("Bad cholesterin?", "Bad cholesterol?") == (RewriteKind.EDIT, "wording-kept")
    assert _kind("Bad cholesterin?", "Bad cholesterol?", edit_max_changed=0)[0] is not (
        RewriteKind.EDIT
    )


def test_moved_words_are_an_edit_and_swapped_ones_spin() -> None:
    # A clause moved with every content word kept is an editor's move; the
    # same move with a word replaced is a spinner's flip.
    assert _kind("Sadr won 70 seats, officials said.", "Officials said Sadr won 70 seats.") == (
        RewriteKind.EDIT,
        "words-moved",
    )
    assert _kind(
        "The movement of Moqtada Sadr won more than 70 seats, officials said on Monday.",
        "Officials said on Monday the movement of Moqtada Sadr took more than 70 seats.",
    ) == (RewriteKind.SPIN, "clauses-flipped")
    # The moved words must still be most of the shorter side (edit_min_kept),
    # counted regardless of order: here six of its seven tokens.
    then = ("Sadr then won 70 seats, officials said.", "Officials said that Sadr won 70 seats.")
    assert _kind(*then) == (RewriteKind.EDIT, "words-moved")
    assert _kind(*then, edit_min_kept=0.9) == (RewriteKind.PARAPHRASE, "reworded")
    # The words must have moved in phrases: shuffled one by one they lost
    # their neighbours, which a spinner (PAN's random obfuscation) does.
    shuffled = (
        "Two people were killed in the blast, police said.",
        "Police in the blast said two were killed people.",
    )
    assert _kind(*shuffled) == (RewriteKind.SPIN, "clauses-flipped")
    assert _kind(*shuffled, edit_min_chunked=0.0) == (RewriteKind.EDIT, "words-moved")


@given(
    st.lists(st.sampled_from(NEWS_WORDS), min_size=4, max_size=14, unique=True),
    st.data(),
)
def test_a_clause_moved_whole_is_never_read_as_rewritten(
    words: list[str], data: st.DataObject
) -> None:
    # Whatever the words (names opening one side and inside the other
    # included), moving a clause replaces nothing: copy or edit, never spin.
    cut = data.draw(st.integers(2, len(words) - 2))
    first, second = " ".join(words[:cut]), " ".join(words[cut:])
    kind = classify(
        features(f"{first[0].upper()}{first[1:]}, {second}."),
        features(f"{second[0].upper()}{second[1:]}, {first}."),
    )[0]
    assert kind <= RewriteKind.EDIT


@given(
    st.lists(st.sampled_from(NEWS_WORDS), min_size=8, max_size=16, unique=True),
    st.randoms(use_true_random=False),
)
def test_words_shuffled_one_by_one_are_not_moved(words: list[str], rng: random.Random) -> None:
    # A machine shuffle keeps every word but no neighbour: nothing travelled
    # in phrases, so it is not an editor's move (PAN's random obfuscation).
    shuffled = words[:]
    neighbours = set(itertools.pairwise(words))
    for _ in range(100):
        rng.shuffle(shuffled)
        if neighbours.isdisjoint(itertools.pairwise(shuffled)):
            break
    assume(neighbours.isdisjoint(itertools.pairwise(shuffled)))
    text, mixed = " ".join(words), " ".join(shuffled)
    evidence = classify(
        features(f"{text[0].upper()}{text[1:]}."), features(f"{mixed[0].upper()}{mixed[1:]}.")
    )[1]
    assert evidence.content == 1.0
    assert evidence.rule != "words-moved"


def test_a_side_without_words_shares_nothing() -> None:
    for marks in ("", "...", "\u2014", "***"):
        assert _kind(marks, "Police said two men were hurt in the blast.") == (
            RewriteKind.PARAPHRASE,
            "reworded",
        )
    assert _kind("...", "...") == (RewriteKind.COPY, "same-words")


def test_content_kept_does_not_depend_on_an_unrelated_word() -> None:
    # Sides with as many content words: both readings are taken, the larger
    # wins, so which word the speaker is changes nothing.
    moved = "Sadr supporters won, Sadr supporters said."
    witnesses, police = "Witnesses said Sadr supporters won.", "Police said Sadr supporters won."
    assert content_kept(features(moved), features(witnesses)) == content_kept(
        features(moved), features(police)
    )
    assert _kind(moved, witnesses) == _kind(moved, police)
    # A name is found at most as often as the other side has it.
    met = features("Kadhemi met protesters, then more protesters.")
    assert content_kept(met, features("Police met protesters with Kadhemi.")) == content_kept(
        met, features("Guards met protesters with Kadhemi.")
    )
    # A name opening one side and inside the other: moved, not swapped.
    assert _kind("Sadr won 70 seats, Kadhemi said.", "Kadhemi said Sadr won 70 seats.") == (
        RewriteKind.EDIT,
        "words-moved",
    )


def test_content_kept_is_a_symmetric_containment() -> None:
    short, long = features("calm and restraint"), features("calm and restraint, and patience")
    assert content_kept(short, long) == content_kept(long, short) == 1.0
    assert content_kept(features("calm"), features("patience")) == 0.0
    assert content_kept(features("and so"), features("calm")) == 1.0  # nothing to lose


def test_thresholds_are_options() -> None:
    left, right = "Police said two men were hurt.", "Two men were injured, police said."
    assert _kind(left, right)[0] is RewriteKind.SPIN
    assert _kind(left, right, edit_min_order=0.0, edit_min_kept=0.0)[0] is RewriteKind.EDIT
    a = nd.Document.from_text(left, id="a")
    b = nd.Document.from_text(right, id="b")
    lenient = nd.AlignOptions(kinds=KindOptions(edit_min_order=0.0, edit_min_kept=0.0))
    assert [link.kind for link in nd.align(a, b).links] == [RewriteKind.SPIN]
    assert [link.kind for link in nd.align(a, b, lenient).links] == [RewriteKind.EDIT]
    assert nd.align(a, b).links[0].to_dict()["evidence"]["rule"] == "clauses-flipped"


def test_kind_options_are_validated() -> None:
    with pytest.raises(nd.InputError, match="edit_min_kept"):
        KindOptions(edit_min_kept=1.5)
    with pytest.raises(nd.InputError, match="spin_min_substitutions"):
        KindOptions(spin_min_substitutions=0)
    with pytest.raises(nd.InputError, match="edit_max_changed"):
        KindOptions(edit_max_changed=-1)
    assert KindOptions(edit_max_changed=0).edit_max_changed == 0
    with pytest.raises(nd.InputError, match="edit_min_run"):
        KindOptions(edit_min_run=0)
    with pytest.raises(nd.InputError, match="edit_min_chunked"):
        KindOptions(edit_min_chunked=-0.1)
    with pytest.raises(TypeError):
        nd.AlignOptions(kinds="strict")  # type: ignore[arg-type]


@given(sentences, sentences)
def test_kind_is_symmetric_and_evidence_mirrors(left: str, right: str) -> None:
    f, g = features(left), features(right)
    kind, evidence = classify(f, g)
    kind_back, evidence_back = classify(g, f)
    assert kind is kind_back
    assert evidence_back == evidence.mirrored()
    assert 0.0 <= evidence.kept <= 1.0 and 0.0 <= evidence.order <= 1.0


# -- the golden kinds ---------------------------------------------------------


def _golden() -> list[dict[str, object]]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def test_golden_kinds_are_references_not_corpus_text() -> None:
    records = _golden()
    assert len(records) >= 150
    refs = set()
    for record in records:
        assert record["kind"] in {kind.value for kind in RewriteKind}
        assert isinstance(record["reason"], str) and record["reason"]
        refs.add(record["ref"])
        if record["source"] == "seeds":
            assert record["a"] and record["b"]  # the seeds are ours to quote
        else:
            assert "a" not in record and "b" not in record  # licensed text stays outside
            if record["source"] == "msrp":
                assert record["id1"] and record["id2"]
            else:
                assert len(record["a_span"]) == len(record["b_span"]) == 2  # type: ignore[arg-type]
    assert len(refs) == len(records)


def test_seed_links_get_the_kinds_a_reader_gives_them() -> None:
    # The seed part of the golden file needs no shared data.  A floor, not
    # the figure (25 of 29: 24 before words-moved and skeleton-kept, 26 before
    # the review's fixes to them):
    # bench_real.py reports accuracy on all 173 pairs.
    seeds = [record for record in _golden() if record["source"] == "seeds"]
    agree = sum(
        classify(features(str(record["a"])), features(str(record["b"])))[0].value == record["kind"]
        for record in seeds
    )
    assert agree / len(seeds) >= 0.85
