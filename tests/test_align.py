"""The alignment core: properties, reference implementations, seeds."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import newsdiff as nd
from aligner_sides import body_sides
from newsdiff.aligner import _assign, _candidate_scores
from newsdiff.alignment import alignable
from newsdiff.similarity import (
    bag_dice,
    by_rarity,
    features,
    fold,
    lcs_length,
    position_masks,
    similarity,
)
from newsdiff.text.tokenize import TokenKind

SEEDS = Path(__file__).parent.parent / "seeds"
WORDS = (
    "the a of in on and to was said attack drone home minister iraq green zone police "
    "Kadhemi Sadr Baghdad 2,500 70 May calm restraint patience tensions election seats "
    "protest supporters office statement terrorism heart state government militia"
).split()

sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
    lambda words: " ".join(words).capitalize() + "."
)
paragraphs = st.lists(sentences, min_size=1, max_size=4)
documents_text = st.lists(paragraphs, min_size=0, max_size=6).map(
    lambda paras: "\n\n".join(" ".join(p) for p in paras)
)


def _doc(text: str, name: str) -> nd.Document:
    return nd.Document.from_text(text, id=name)


def _seed(prefix: str) -> nd.Document:
    (path,) = SEEDS.glob(prefix + "_*.txt")
    return nd.Document.from_file(path)


def _members(alignment: nd.Alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(link.a, link.b) for link in alignment.links}


# -- properties ---------------------------------------------------------------


@given(documents_text)
def test_a_document_aligns_completely_with_itself_as_copies(text: str) -> None:
    doc = _doc(text, "d")
    alignment = nd.align(doc, doc)
    alignment._check()
    alignable = [
        s.index
        for s in doc.sentences
        if s.role in (nd.Role.BODY, nd.Role.HEADLINE, nd.Role.SUBHEAD)
    ]
    assert [(link.a, link.b) for link in alignment.links] == [((i,), (i,)) for i in alignable]
    assert all(link.kind is nd.RewriteKind.COPY and link.score == 1.0 for link in alignment.links)
    has_body = any(s.role is nd.Role.BODY for s in doc.sentences)
    assert alignment.coverage("a") == alignment.coverage("b") == (1.0 if has_body else 0.0)


@given(documents_text, documents_text)
def test_alignment_is_a_mirror_image_when_sides_swap(left: str, right: str) -> None:
    a, b = _doc(left, "a"), _doc(right, "b")
    forward = nd.align(a, b)
    backward = nd.align(b, a)
    forward._check()
    backward._check()
    assert backward.links == forward.mirrored().links
    assert backward.unmatched_a == forward.unmatched_b


@given(documents_text, documents_text)
def test_alignment_is_deterministic(left: str, right: str) -> None:
    a, b = _doc(left, "a"), _doc(right, "b")
    assert nd.align(a, b) == nd.align(a, b)


# Paragraphs of two or more sentences: a lone short first paragraph would be
# read as a headline, which is a segmentation decision that depends on order.
@given(
    st.lists(st.lists(sentences, min_size=2, max_size=3), min_size=1, max_size=6),
    st.lists(st.lists(sentences, min_size=2, max_size=3), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
)
def test_shuffling_paragraphs_changes_no_link(
    left: list[list[str]], right: list[list[str]], rng: random.Random
) -> None:
    # Distinct sentences, so that no tie between equal scores can decide.
    seen: set[str] = set()
    right = [[s for s in p if not (s in seen or seen.add(s))] for p in right]  # type: ignore[func-returns-value]
    right = [p for p in right if len(p) > 1]
    shuffled = right[:]
    rng.shuffle(shuffled)
    a = _doc("\n\n".join(" ".join(p) for p in left), "a")
    b1 = _doc("\n\n".join(" ".join(p) for p in right), "b")
    b2 = _doc("\n\n".join(" ".join(p) for p in shuffled), "b")

    def by_text(alignment: nd.Alignment) -> set[tuple[tuple[str, ...], tuple[str, ...], str]]:
        return {
            (
                tuple(alignment.a.sentences[i].text for i in link.a),
                tuple(alignment.b.sentences[j].text for j in link.b),
                link.kind.value,
            )
            for link in alignment.links
        }

    # A short lone lead sentence reads as a headline, so moving a paragraph to
    # the top can change a role; the claim is about moves that keep roles.
    assume(
        sorted((s.text, s.role) for s in b1.sentences)
        == sorted((s.text, s.role) for s in b2.sentences)
    )
    assert by_text(nd.align(a, b1)) == by_text(nd.align(a, b2))


@given(documents_text, documents_text)
def test_spans_passages_and_profiles_are_consistent(left: str, right: str) -> None:
    a, b = _doc(left, "a"), _doc(right, "b")
    alignment = nd.align(a, b)
    for a_start, a_end, b_start, b_end in alignment.passages(0, 0):
        assert 0 <= a_start < a_end <= len(a.text) and 0 <= b_start < b_end <= len(b.text)
    linked = {i for link in alignment.links for i in link.a}
    for span in alignment.passages(0, 0):
        assert any(span[0] <= a.sentences[i].start < span[1] for i in linked)
    profile = alignment.profile("b").to_dict()
    assert set(profile) == {"copy", "edit", "spin", "paraphrase", "new"}
    assert sum(profile.values()) == pytest.approx(
        1.0 if alignment.coverage("b") or profile["new"] else 0.0
    )
    for link in alignment.links:
        ops = nd.diff(alignment, link)
        assert "".join(t for op, t in ops if op != 1) == alignment.text_a(link)
        assert "".join(t for op, t in ops if op != -1) == alignment.text_b(link)


# -- fast paths against slow references ---------------------------------------


def _lcs_reference(left: list[str], right: list[str]) -> int:
    table = [[0] * (len(right) + 1) for _ in range(len(left) + 1)]
    for i, x in enumerate(left):
        for j, y in enumerate(right):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    return table[-1][-1]


tokens = st.lists(st.sampled_from("abcdefgh"), max_size=150)


@given(tokens, tokens)
def test_bit_parallel_lcs_agrees_with_dynamic_programming(
    left: list[str], right: list[str]
) -> None:
    sequence = tuple(left)
    assert lcs_length(position_masks(sequence), len(sequence), tuple(right)) == _lcs_reference(
        left, right
    )


@given(sentences, sentences)
def test_bag_dice_agrees_with_a_counter_reference(left: str, right: str) -> None:
    f, g = features(left), features(right)
    weight = {TokenKind.FUNCTION: 1, TokenKind.CONTENT: 3, TokenKind.NAME: 4, TokenKind.NUMBER: 4}
    bag_f = Counter()
    bag_g = Counter()
    for norm, kind in zip(f.norms, f.kinds, strict=True):
        bag_f[fold(norm)] += weight[kind]
    for norm, kind in zip(g.norms, g.kinds, strict=True):
        bag_g[fold(norm)] += weight[kind]
    total = sum(bag_f.values()) + sum(bag_g.values())
    expected = (
        2 * sum((bag_f & bag_g).values()) / total
        if sum(bag_f.values()) and sum(bag_g.values())
        else 0.0
    )
    assert bag_dice(f.bag, f.total, g.bag, g.total) == pytest.approx(expected)
    assert bag_dice(f.bag, f.total, g.bag, g.total) == bag_dice(g.bag, g.total, f.bag, f.total)


@given(documents_text, documents_text)
def test_candidate_index_finds_every_pair_an_all_pairs_scan_finds(left: str, right: str) -> None:
    a, b = _doc(left, "a"), _doc(right, "b")
    options = nd.AlignOptions(max_token_share=1.0)
    side_a, side_b = body_sides(a, b)
    fast = {(ka, kb) for _, ka, kb in _candidate_scores(side_a, side_b, options, settle=False)}
    slow = set()
    for ka, ia in side_a.types.items():
        fa = side_a.features[ia[0]]
        informative = {
            fold(n) for n, k in zip(fa.norms, fa.kinds, strict=True) if k is not TokenKind.FUNCTION
        }
        for kb, ib in side_b.types.items():
            fb = side_b.features[ib[0]]
            if ka == kb or (
                informative & set(map(fold, fb.norms))
                and bag_dice(fa.bag, fa.total, fb.bag, fb.total) >= options.min_score
            ):
                slow.add((ka, kb))
    assert fast == slow


@given(documents_text, documents_text)
def test_settled_copies_do_not_change_the_assignment(left: str, right: str) -> None:
    # Skipping the other candidates of settled copies is an optimization:
    # the pairs assigned are those of the full candidate list.
    a, b = _doc(left, "a"), _doc(right, "b")
    options = nd.AlignOptions()
    side_a, side_b = body_sides(a, b)
    fast = _assign(side_a, side_b, options)
    with mock.patch("newsdiff.aligner._settled_copies", return_value=set()):
        slow = _assign(side_a, side_b, options)
    assert sorted(fast) == sorted(slow)


@given(st.one_of(st.text(), sentences))
def test_feature_fast_path_agrees_with_span_tokenizer(text: str) -> None:
    from newsdiff.text.tokenize import tokenize_spans

    memo: dict = {}
    fast = features(text, memo)
    again = features(text, memo)  # a warm memo gives the same answer
    reference = tokenize_spans(text)
    assert fast == again
    assert fast.norms == tuple(norm for _, _, norm, _ in reference)
    assert fast.kinds == tuple(kind for _, _, _, kind in reference)


# -- behaviour on documents ---------------------------------------------------


def test_empty_and_one_sentence_documents() -> None:
    empty = _doc("", "e")
    one = _doc("Kadhemi called for calm.", "o")
    for alignment in (nd.align(empty, empty), nd.align(empty, one), nd.align(one, empty)):
        alignment._check()
        assert alignment.links == ()
        assert alignment.coverage("a") == 0.0 and alignment.passages() == []
    assert nd.align(empty, one).unmatched_b == (0,)
    assert [link.kind for link in nd.align(one, one).links] == [nd.RewriteKind.COPY]


def test_different_scripts_and_nothing_in_common_give_no_links() -> None:
    english = _doc("The prime minister survived a drone attack on his home.", "en")
    arabic = _doc(
        "\u0646\u062c\u0627 \u0631\u0626\u064a\u0633 \u0627\u0644\u0648\u0632\u0631\u0627\u0621 "
        "\u0645\u0646 \u0647\u062c\u0648\u0645.",
        "ar",
    )
    other = _doc("Wheat prices rose sharply in Chicago trading on Tuesday.", "x")
    assert nd.align(english, arabic).links == ()
    assert nd.align(english, other).links == ()
    assert nd.align(english, other).unmatched_a == (0,)


def test_moved_paragraphs_split_and_merge() -> None:
    a = _doc(
        "Protesters clashed with police near the Green Zone on Friday. One man died.\n\n"
        "The attack came as parties negotiate alliances, and it raised tensions across Iraq.",
        "a",
    )
    b = _doc(
        "The attack came as parties negotiate alliances. It raised tensions across Iraq.\n\n"
        "Protesters clashed with police near the Green Zone on Friday. One man died.",
        "b",
    )
    alignment = nd.align(a, b)
    alignment._check()
    assert _members(alignment) == {((0,), (2,)), ((1,), (3,)), ((2,), (0, 1))}
    assert _members(nd.align(b, a)) == {((2,), (0,)), ((3,), (1,)), ((0, 1), (2,))}


def test_a_sentence_split_in_three_links_as_one_group_up_to_max_group() -> None:
    a = _doc(
        "The minister arrived in Baghdad on Sunday, met the president at the palace "
        "and then flew to Erbil for talks with Kurdish leaders.",
        "a",
    )
    b = _doc(
        "The minister arrived in Baghdad on Sunday. He met the president at the palace. "
        "Then he flew to Erbil for talks with Kurdish leaders.",
        "b",
    )
    alignment = nd.align(a, b)
    alignment._check()
    assert _members(alignment) == {((0,), (0, 1, 2))}
    assert _members(nd.align(b, a)) == {((0, 1, 2), (0,))}
    assert all(len(link.b) <= 2 for link in nd.align(a, b, max_group=2).links)
    with pytest.raises(nd.InputError, match="max_group"):
        nd.AlignOptions(max_group=0)


def test_heavily_spun_sentence_links_when_its_neighbours_vouch_for_it() -> None:
    spun_a = "The drone attack on his home heightened tensions in the capital on Sunday."
    spun_b = "A UAV assault on his residence increased strains in the metropolis on Sunday."
    before = "Protesters clashed with police near the Green Zone on Friday."
    after = "Officials said the prime minister was unhurt and called for calm."
    alone = nd.align(_doc(spun_a, "a"), _doc(spun_b, "b"))
    assert alone.links == ()  # too little shared for a link on its own
    anchored = nd.align(
        _doc(f"{before} {spun_a} {after}", "a"), _doc(f"{before} {spun_b} {after}", "b")
    )
    anchored._check()
    assert _members(anchored) == {((0,), (0,)), ((1,), (1,)), ((2,), (2,))}
    assert anchored.links[1].kind is nd.RewriteKind.SPIN
    # A sentence with a different skeleton is not pulled in by its neighbours.
    other = "Markets in Tokyo rallied as exporters gained."
    unrelated = nd.align(
        _doc(f"{before} {spun_a} {after}", "a"), _doc(f"{before} {other} {after}", "b")
    )
    assert _members(unrelated) == {((0,), (0,)), ((2,), (2,))}
    off = nd.align(
        _doc(f"{before} {spun_a} {after}", "a"),
        _doc(f"{before} {spun_b} {after}", "b"),
        anchored_min_score=1.0,
    )
    assert _members(off) == {((0,), (0,)), ((2,), (2,))}


def test_passages_bridge_gaps_and_drop_short_runs() -> None:
    shared = [
        "Protesters clashed with police near the Green Zone on Friday.",
        "Officials said the prime minister was unhurt and called for calm.",
        "The vote count was delayed after complaints from the losing parties.",
    ]
    a = _doc(f"{shared[0]} {shared[1]} Markets in Tokyo rallied. {shared[2]}", "a")
    b = _doc(f"{shared[0]} {shared[1]} Farmers feared a drought. {shared[2]}", "b")
    alignment = nd.align(a, b)
    assert len(alignment.passages(0, 0)) == 2  # the unrelated sentences break the run
    (bridged,) = alignment.passages(gap=1, min_chars=0)
    assert bridged == (0, len(a.text), 0, len(b.text))
    assert alignment.passages(0, len(shared[2]) + 1) == alignment.passages(0, 0)[:1]
    assert alignment.passages(min_chars=10_000) == []
    # Trimming narrows the ends to the shared words: here the last sentence
    # gained a tail on side b.
    c = _doc(f"{shared[0]} {shared[1]}", "c")
    d = _doc(f"{shared[0]} {shared[1][:-1]} on Sunday, officials said.", "d")
    ((a_start, a_end, b_start, b_end),) = nd.align(c, d).passages(0, 0, trim=True)
    assert c.text[a_start:a_end] == f"{shared[0]} {shared[1]}"[:-1]
    assert d.text[b_start:b_end] == f"{shared[0]} {shared[1][:-1]}"
    with pytest.raises(nd.InputError, match="gap"):
        alignment.passages(gap=-1)


def test_boilerplate_never_aligns_and_headlines_stay_apart() -> None:
    a = _doc("Mounting tensions\n\nThe vote was delayed. Two died.\n\nREAD ALSO: Iraq votes", "a")
    b = _doc("Mounting tensions. Two died.\n\nREAD ALSO: Iraq votes", "b")
    assert [s.role.value for s in a.sentences] == ["headline", "body", "body", "boilerplate"]
    assert [s.role.value for s in b.sentences] == ["body", "body", "boilerplate"]
    assert _members(nd.align(a, b)) == {((2,), (1,))}
    loose = nd.align(a, b, headlines_with_body=True)
    assert _members(loose) == {((0,), (0,)), ((2,), (1,))}


def test_duplicated_sentences_pair_up_in_order() -> None:
    text = "Calm returned. " * 5
    a = _doc(text, "a")
    b = _doc("Calm returned. " * 3, "b")
    alignment = nd.align(a, b)
    assert _members(alignment) == {((0,), (0,)), ((1,), (1,)), ((2,), (2,))}
    assert alignment.unmatched_a == (3, 4)


def test_options_are_validated() -> None:
    with pytest.raises(nd.InputError, match="min_score"):
        nd.AlignOptions(min_score=1.5)
    with pytest.raises(TypeError, match="unknown option"):
        nd.align(_doc("x.", "a"), _doc("x.", "b"), min_scor=0.5)
    with pytest.raises(TypeError, match=r"^b must be Document"):
        nd.align(_doc("x.", "a"), "text")  # type: ignore[arg-type]
    alignment = nd.align(_doc("x.", "a"), _doc("x.", "b"))
    with pytest.raises(nd.InputError, match="side must be"):
        alignment.coverage("c")  # type: ignore[arg-type]


# -- the seeds ----------------------------------------------------------------


def test_spun_copy_is_found_and_labelled_spin() -> None:
    # 000 is a spun copy of the AFP story that 001 carries near-verbatim.
    alignment = nd.align(_seed("001"), _seed("000"))
    profile = alignment.profile("b")
    assert profile["spin"] > 0.2
    assert profile["copy"] == 0.0
    kinds = {link.kind for link in alignment.links if "foe of Iran" in alignment.text_b(link)}
    assert kinds == {nd.RewriteKind.SPIN}


def test_near_verbatim_copies_link_as_edits() -> None:
    alignment = nd.align(_seed("004"), _seed("001"))
    alignment._check()
    assert {link.kind for link in alignment.links} <= {
        nd.RewriteKind.COPY,
        nd.RewriteKind.EDIT,
        nd.RewriteKind.PARAPHRASE,
    }
    assert alignment.coverage("a") > 0.4
    # The 004 sentence that 001 split in two.
    assert ((1,), (2, 3)) in _members(alignment)


def test_link_scores_weigh_rarity_among_the_two_documents_sentences() -> None:
    a, b = _seed("004"), _seed("001")
    weighted = by_rarity(
        {s.text: features(s.text) for doc in (a, b) for s in doc.sentences if alignable(s)}
    )
    alignment = nd.align(a, b)
    scored = [
        link
        for link in alignment.links
        if len(link.a) == len(link.b) == 1 and link.kind is not nd.RewriteKind.COPY
    ]
    assert scored
    for link in scored:
        left, right = alignment.text_a(link), alignment.text_b(link)
        assert link.score == similarity(weighted[left], weighted[right])


def test_a_pairs_links_do_not_depend_on_the_other_documents_of_a_run() -> None:
    docs = [_seed(prefix) for prefix in ("000", "001", "002", "003", "004")]
    by_id = {doc.id: doc for doc in docs}
    collation = nd.collate(docs, all_pairs=True)
    for (first, second), alignment in collation.alignments.items():
        assert alignment.links == nd.align(by_id[first], by_id[second]).links


def test_independent_reports_do_not_look_like_copies() -> None:
    for other in ("002", "003"):
        alignment = nd.align(_seed("004"), _seed(other))
        assert alignment.coverage("a") < 0.2
        assert all(link.kind is not nd.RewriteKind.COPY for link in alignment.links)
        assert all(link.score < 0.7 for link in alignment.links)


def _best_align_time(text_a: str, text_b: str) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        nd.align(nd.Document.from_text(text_a, id="a"), nd.Document.from_text(text_b, id="b"))
        best = min(best, time.process_time() - began)
    return best


@pytest.mark.parametrize(
    ("make_a", "make_b"),
    [
        (lambda n: "Calm returned to Baghdad. " * n, lambda n: "Calm returned to Baghdad. " * n),
        (lambda n: "Yes. " * n, lambda n: "Yes. " * n),
        (
            lambda n: " ".join(f"Report{k} tensions rose." for k in range(n)),
            lambda n: " ".join(f"Report{k} tensions rose sharply." for k in range(n)),
        ),
    ],
    ids=["repeated-sentence", "one-word-sentences", "one-shared-word"],
)
def test_adversarial_input_aligns_in_near_linear_time(make_a, make_b) -> None:  # type: ignore[no-untyped-def]
    # A complexity check, not a speed target: quadratic work would make ten
    # times the sentences cost about a hundred times the time.
    small = _best_align_time(make_a(500), make_b(500))
    large = _best_align_time(make_a(5000), make_b(5000))
    assert large / small < 30


def test_sentences_without_words_link_only_to_the_same_marks() -> None:
    # Two bare punctuation "sentences" share no word: nothing says one was
    # made from the other, so they must not read as a copy.
    a = nd.Document.from_text(
        "The vote was delayed on Monday.\n\n...\n\nIt rained in the town.", id="a"
    )
    b = nd.Document.from_text(
        "Nothing here matches at all.\n\n!!!\n\nSomething else entirely.", id="b"
    )
    alignment = nd.align(a, b)
    assert alignment.links == ()
    assert 1 in alignment.unmatched_a and 1 in alignment.unmatched_b
    # The same marks are a copy: a document still aligns completely with itself.
    same = nd.align(a, nd.Document.from_text(a.text, id="c"))
    assert [(link.a, link.b, link.kind) for link in same.links] == [
        ((i,), (i,), nd.RewriteKind.COPY) for i in range(3)
    ]


@pytest.mark.parametrize("numbered", [False, True], ids=["word-added", "rows-numbered"])
def test_a_long_list_of_a_small_vocabulary_links_to_its_near_copy(numbered: bool) -> None:
    # 2,000 sentences of 12 words from 300: every word is in more sentence
    # types than the token index takes (the common-token cutoff), so only
    # pairs of words find the candidates.  Each copy sentence adds a word of
    # the vocabulary, or a row number: then the copy's rows are no longer
    # starved (the number is rare) but share no indexed token with the
    # original's starved rows.
    rng = random.Random(1)
    words = [f"w{n}" for n in range(300)]
    lines = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(2000)]
    a = nd.Document.from_text(" ".join(f"{line.capitalize()}." for line in lines), id="a")
    added = [str(n + 5000) if numbered else rng.choice(words) for n in range(2000)]
    b = nd.Document.from_text(
        " ".join(f"{line.capitalize()} {word}." for line, word in zip(lines, added, strict=True)),
        id="b",
    )
    alignment = nd.align(a, b)
    links = [(link.a, link.b) for link in alignment.links]
    assert links == [((n,), (n,)) for n in range(2000)]
    assert [(link.b, link.a) for link in nd.align(b, a).links] == links
    assert len(alignment.passages()) == 1
