"""Reused passages (Alignment.passages, newsdiff.reuse): properties and
real-looking cases."""

from __future__ import annotations

import itertools
import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdiff as nd
from news_strategies import sentences
from newsdiff.alignment import Passage
from newsdiff.reuse import LONE_LINKS, LONE_SCORE


@st.composite
def document_pairs(draw: st.DrawFn) -> tuple[nd.Document, nd.Document]:
    """Two documents sharing some sentences, reordered, with others around
    them: what copies of one story look like."""
    pool = draw(st.lists(sentences, min_size=1, max_size=10))
    own_a = draw(st.lists(sentences, max_size=4))
    own_b = draw(st.lists(sentences, max_size=4))
    order_a = draw(st.permutations(pool + own_a))
    order_b = draw(st.permutations(pool + own_b))
    breaks = st.lists(st.booleans(), min_size=len(pool) + 4, max_size=len(pool) + 4)

    def text(order: list[str], paragraph_breaks: list[bool]) -> str:
        return "".join(
            sentence + ("\n\n" if brk else " ")
            for sentence, brk in zip(order, paragraph_breaks, strict=False)
        ).strip()

    return (
        nd.Document.from_text(text(order_a, draw(breaks)), id="a"),
        nd.Document.from_text(text(order_b, draw(breaks)), id="b"),
    )


settings_grid = st.fixed_dictionaries(
    {
        "gap": st.integers(0, 4),
        "min_chars": st.sampled_from([0, 40, 170]),
        "trim": st.booleans(),
        "trim_share": st.sampled_from([0.0, 0.7, 1.1]),
        "summary_gap": st.integers(0, 6),
        "summary_ratio": st.sampled_from([1.0, 1.5, 3.0]),
        "summary_score": st.sampled_from([0.0, 0.15, 0.5]),
    }
)


@given(document_pairs(), settings_grid)
def test_passages_lie_within_the_texts_sorted(
    pair: tuple[nd.Document, nd.Document], settings: dict[str, object]
) -> None:
    a, b = pair
    found = nd.align(a, b).passages(**settings)  # type: ignore[arg-type]
    assert found == sorted(found)
    for passage in found:
        assert isinstance(passage, Passage)
        assert 0 <= passage.a_start < passage.a_end <= len(a.text)
        assert 0 <= passage.b_start < passage.b_end <= len(b.text)
        assert (
            min(passage.a_end - passage.a_start, passage.b_end - passage.b_start)
            >= (settings["min_chars"])
        )
    for first, second in itertools.combinations(found, 2):  # one detection, not two
        assert not (
            first.a_start < second.a_end
            and second.a_start < first.a_end
            and first.b_start < second.b_end
            and second.b_start < first.b_end
        )


@given(document_pairs(), settings_grid)
def test_passages_mirror(
    pair: tuple[nd.Document, nd.Document], settings: dict[str, object]
) -> None:
    a, b = pair
    forward = nd.align(a, b).passages(**settings)  # type: ignore[arg-type]
    backward = nd.align(b, a).passages(**settings)  # type: ignore[arg-type]
    assert sorted(Passage(p.b_start, p.b_end, p.a_start, p.a_end) for p in backward) == forward


@given(document_pairs(), st.integers(0, 4), st.sampled_from([0, 40, 170]))
def test_every_long_enough_run_of_links_lies_in_a_passage(
    pair: tuple[nd.Document, nd.Document], gap: int, min_chars: int
) -> None:
    """Extension only grows what the links give: each run of consecutive
    links (the rule passages followed before seed and extend, at gap 0) at
    least ``min_chars`` long on both sides, and with the evidence a passage
    needs (a link scoring LONE_SCORE, or LONE_LINKS links), lies inside one
    passage (when no end is trimmed to the shared words)."""
    a, b = pair
    alignment = nd.align(a, b)
    found = alignment.passages(gap, min_chars, trim_share=1.1)
    for run in alignment.runs(alignment.links, 0):
        if len(run) < LONE_LINKS and max(link.score for link in run) < LONE_SCORE:
            continue
        members_a = [a.sentences[i] for link in run for i in link.a]
        members_b = [b.sentences[j] for link in run for j in link.b]
        start_a, end_a = min(s.start for s in members_a), max(s.end for s in members_a)
        start_b, end_b = min(s.start for s in members_b), max(s.end for s in members_b)
        if min(end_a - start_a, end_b - start_b) < min_chars:
            continue
        assert any(
            p.a_start <= start_a and end_a <= p.a_end and p.b_start <= start_b and end_b <= p.b_end
            for p in found
        )


def test_a_passage_needs_a_strong_link_or_several() -> None:
    # Documents on one topic share a loosely similar sentence or two by
    # chance: weak links are evidence of reuse only several together.
    text = ". ".join(SOURCE.split(". ")[:3]) + "."
    alignment = nd.align(nd.Document.from_text(text, id="a"), nd.Document.from_text(text, id="b"))
    assert len(alignment.links) == 3

    def scored(links: list[nd.Link], score: float) -> nd.Alignment:
        return attrs.evolve(
            alignment, links=tuple(attrs.evolve(link, score=score) for link in links)
        )

    weak = LONE_SCORE - 0.01
    assert len(scored(list(alignment.links), weak).passages(0, 0)) == 1
    assert LONE_LINKS == 3
    assert scored(list(alignment.links[:2]), weak).passages(0, 0) == []
    assert len(scored(list(alignment.links[:1]), LONE_SCORE).passages(0, 0)) == 1


@given(document_pairs(), settings_grid)
def test_trimming_only_narrows_passages(
    pair: tuple[nd.Document, nd.Document], settings: dict[str, object]
) -> None:
    """A trimmed end moves to shared words no farther out than the untrimmed
    end reaches: every passage lies inside one found without trimming."""
    a, b = pair
    alignment = nd.align(a, b)
    whole = alignment.passages(**{**settings, "trim": False, "trim_share": 1.1})  # type: ignore[arg-type]
    for p in alignment.passages(**settings):  # type: ignore[arg-type]
        assert any(
            w.a_start <= p.a_start < p.a_end <= w.a_end
            and w.b_start <= p.b_start < p.b_end <= w.b_end
            for w in whole
        )


@given(document_pairs())
def test_every_passage_holds_a_link(pair: tuple[nd.Document, nd.Document]) -> None:
    a, b = pair
    alignment = nd.align(a, b)
    for passage in alignment.passages(0, 0):  # some ends trimmed into a link
        assert any(
            a.sentences[link.a[0]].start < passage.a_end
            and passage.a_start < a.sentences[link.a[-1]].end
            and b.sentences[link.b[0]].start < passage.b_end
            and passage.b_start < b.sentences[link.b[-1]].end
            for link in alignment.links
        )


# -- real-looking cases ---------------------------------------------------------

SOURCE = (
    "The regional water authority said on Monday that the reservoir serving "
    "Lakeside had fallen to its lowest level since records began in 1921. "
    "Engineers measured the level at 31 percent of capacity, down from 58 percent a year ago. "
    "The authority blamed a dry winter, an early heat wave and rising demand from "
    "farms along the valley. "
    "Residents have been asked to stop watering gardens and washing cars until further notice. "
    "Farmers who draw from the canal network will see their allocation cut by a quarter "
    "from next month. "
    "The mayor of Lakeside, Ana Ribeiro, called the restrictions painful but necessary. "
    "A new pipeline from the northern aquifer is due to open in 2026, at a cost of "
    "140 million euros. "
    "Until then, the authority said, every household must cut its use by a fifth."
)
SUMMARY = (
    "Lakeside's reservoir has fallen to its lowest level since 1921, at 31 percent of "
    "capacity, the regional water authority said. "
    "Gardens go unwatered and farms lose a quarter of their water until a new pipeline "
    "from the northern aquifer opens in 2026 at a cost of 140 million euros."
)
OTHER = (
    "In other news, the city council approved a new cycling lane along the harbour front. "
    "The lane will link the ferry terminal to the university campus by the end of the year."
)


def test_a_summary_is_one_passage_spanning_what_it_condenses() -> None:
    source = nd.Document.from_text(SOURCE, id="source")
    digest = nd.Document.from_text(f"{OTHER}\n\n{SUMMARY}\n\n{OTHER}", id="digest")
    alignment = nd.align(digest, source)
    (passage,) = alignment.passages()
    assert digest.text[passage.a_start : passage.a_end] == SUMMARY
    # The summary's two sentences link to two source sentences; the source
    # sentences it draws on beyond those are found too: nearly all of it.
    assert passage.b_start == 0 and passage.b_end == len(SOURCE)
    assert alignment.mirrored().passages() == [
        Passage(passage.b_start, passage.b_end, passage.a_start, passage.a_end)
    ]
    # Without the summary rule only the linked sentences (and what lies
    # between them) are found.
    (plain,) = alignment.passages(summary_gap=0)
    assert plain.b_end - plain.b_start < len(SOURCE)


REUSED = (
    "the river rose past the old stone bridge at dawn and flooded the market square. "
    "Shopkeepers carried their goods to the upper floors as the water kept rising. "
    "By noon the fire brigade had evacuated forty families from the low-lying streets. "
    "The mayor declared a state of emergency and asked the army for help"
)
REUSED_IN_SOURCE = REUSED[0].upper() + REUSED[1:]  # a sentence start there
SOURCE_STORY = (
    f"Heavy rain fell for three days. {REUSED_IN_SOURCE}. Schools will stay closed on Monday."
)


def _mid_sentence_copy(head: str, tail: str) -> tuple[nd.Alignment, nd.Document, nd.Document]:
    copy = nd.Document.from_text(f"{head}{REUSED}{tail}", id="copy")
    source = nd.Document.from_text(SOURCE_STORY, id="source")
    return nd.align(copy, source), copy, source


def test_reuse_starting_and_stopping_in_unlinked_sentences_is_reached() -> None:
    # The copy's first and last sentences are mostly its own words and link
    # with nothing, but the reuse runs on into them: the passage follows it.
    alignment, copy, source = _mid_sentence_copy(
        "Officials in the northern province spent the whole week arguing about budgets, "
        "road repairs, teacher salaries, hospital waiting lists, bus fares, pension reform, "
        "a disputed football stadium, fishing quotas, the closure of two rural post offices "
        "and the price of diesel at the pump, while ",
        ", although the forecast promised that the storms would move east by Friday, "
        "letting farmers, fishermen, builders, lorry drivers, market traders, nurses, "
        "cooks and holiday-makers return to their fields, boats, sites, routes, wards, "
        "kitchens, stalls and beaches.",
    )
    assert len(alignment.links) == 2  # the two whole reused sentences
    (passage,) = alignment.passages(min_chars=0)
    assert copy.text[passage.a_start : passage.a_end] == REUSED
    assert source.text[passage.b_start : passage.b_end] == REUSED_IN_SOURCE


def test_a_copy_starting_mid_sentence_is_cut_to_the_reused_words() -> None:
    # The copy's first and last sentences are mostly reused and link; the
    # passage is a near copy, so its ends are cut to the shared words: the
    # copy's own words in those sentences are not reused.
    alignment, copy, source = _mid_sentence_copy(
        "As officials argued about budgets, ", ", although the rain has stopped."
    )
    assert len(alignment.links) == 4
    (passage,) = alignment.passages(min_chars=0)
    assert copy.text[passage.a_start : passage.a_end] == REUSED
    assert source.text[passage.b_start : passage.b_end] == REUSED_IN_SOURCE
    assert alignment.mirrored().passages(min_chars=0) == [
        Passage(passage.b_start, passage.b_end, passage.a_start, passage.a_end)
    ]
    # Above 1, trim_share keeps the linked sentences whole.
    (whole,) = alignment.passages(min_chars=0, trim_share=1.1)
    assert (whole.a_start, whole.a_end) == (0, len(copy.text))


SPUN = (
    "Yesterday at sunrise the river climbed above the ancient stone bridge, flooding "
    "the market square. "
    "Traders hauled their stock up to the higher floors while the flood went on rising. "
    "By midday firefighters had moved forty households out of the low-lying streets. "
    "Declaring an emergency, the mayor asked soldiers to help"
)


def test_a_reworded_passage_keeps_its_boundary_sentences_whole() -> None:
    # Reworded reuse shares words only here and there: the unshared words of
    # its first and last sentences are reused too, and stay in the passage,
    # where trimming every passage (trim=True) would cut them.
    copy = nd.Document.from_text(f"{SPUN}.", id="copy")
    source = nd.Document.from_text(SOURCE_STORY, id="source")
    alignment = nd.align(copy, source)
    assert len(alignment.links) == 3  # the second sentence is reworded beyond a link
    (passage,) = alignment.passages(min_chars=0)
    assert (passage.a_start, passage.a_end) == (0, len(copy.text))
    (cut,) = alignment.passages(min_chars=0, trim=True)
    assert cut.a_end - cut.a_start < len(copy.text)


def test_reordered_sentences_are_one_passage() -> None:
    lines = [
        "Rescue teams reached the village of Tarsa after a six-hour climb on Tuesday.",
        "They found the school roof collapsed but all forty pupils safe in the yard.",
        "A second team is bringing tents, blankets and water purification tablets.",
        "The road to Tarsa has been cut by landslides since the earthquake on Sunday.",
    ]
    a = nd.Document.from_text(" ".join(lines), id="a")
    b = nd.Document.from_text(" ".join(reversed(lines)), id="b")
    ((a_start, a_end, b_start, b_end),) = nd.align(a, b).passages(0, 0)
    assert (a_start, a_end, b_start, b_end) == (0, len(a.text), 0, len(b.text))


_COUNCIL = [
    "The council voted on Monday to close the old library on Mill Street.",
    "Officials said the building needed repairs costing more than two million pounds.",
    "It is one of the oldest public buildings in the town and opened in 1887.",
    "Residents gathered outside the town hall to protest against the decision.",
    "A petition signed by four thousand people was handed to the mayor.",
    "The mayor said the council had no choice given the state of its finances.",
]
_COUNCIL_REWORDED = [
    "On Monday the council voted to shut the old library in Mill Street.",
    "Repairs to the building would cost over two million pounds, officials said.",
    "Opened in 1887, it is one of the oldest public buildings in the town.",
    "Protesters gathered outside the town hall against the decision.",
    "The mayor was handed a petition signed by four thousand people.",
    "Given the state of its finances the council had no choice, the mayor said.",
]


def test_a_common_phrase_elsewhere_does_not_pull_an_end_into_a_new_sentence() -> None:
    # "one of the" is in the source's third sentence, not at its end.
    reused = " ".join(_COUNCIL_REWORDED)
    copy = reused + " Separately, one of the town's football clubs announced a new stadium."
    a = nd.Document.from_text(" ".join(_COUNCIL), id="a")
    b = nd.Document.from_text(copy + " The club expects to open it in 2027.", id="b")
    alignment = nd.align(a, b)
    (passage,) = alignment.passages(trim_share=2)
    assert passage.b_end == len(reused)
    assert alignment.mirrored().passages(trim_share=2) == [
        Passage(passage.b_start, passage.b_end, passage.a_start, passage.a_end)
    ]


def test_an_end_does_not_reach_into_furniture_before_the_passage() -> None:
    furniture = "Read more: the council voted to close the library"
    text = f"Weather was mild across the county.\n\n{furniture}\n\nAdvertisement\n\n"
    a = nd.Document.from_text(text + " ".join(_COUNCIL[1:]), id="a")
    b = nd.Document.from_text(" ".join(_COUNCIL_REWORDED), id="b")
    (passage,) = nd.align(a, b).passages(trim_share=2)
    assert passage.a_start >= text.index("Advertisement") + len("Advertisement")


def test_bad_arguments_raise() -> None:
    alignment = nd.align(
        nd.Document.from_text("One.", id="a"), nd.Document.from_text("One.", id="b")
    )
    out_of_range = (
        {"gap": -1},
        {"min_chars": -1},
        {"summary_gap": -1},
        {"summary_ratio": 0.5},
        {"summary_ratio": math.nan},
        {"trim_share": -0.1},
        {"trim_share": math.nan},
        {"summary_score": -1},
        {"summary_score": 5},
        {"summary_score": math.nan},
    )
    for bad in out_of_range:
        with pytest.raises(nd.InputError, match=next(iter(bad))):
            alignment.passages(**bad)  # type: ignore[arg-type]
    wrong_type = (
        {"gap": "3"},
        {"gap": 1.5},
        {"gap": True},
        {"min_chars": None},
        {"trim": "yes"},
        {"trim_share": None},
        {"summary_ratio": None},
        {"summary_score": "x"},
    )
    for bad in wrong_type:
        with pytest.raises(nd.ArgumentTypeError, match=next(iter(bad))):
            alignment.passages(**bad)  # type: ignore[arg-type]
