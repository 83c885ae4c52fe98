"""Alignment accuracy on synthetic syndication with ground truth.

Derives copies of the seed stories (real news sentences) with
:mod:`syndication` - copies, light edits, spin with a synonym table and
clause flips, splits, merges, drops, moved paragraphs, site furniture and
sentences of unrelated stories - aligns each copy with its source and
scores the links per operation:

* recall: share of gold links found exactly (same sentences on both sides);
* precision: share of predicted links touching that operation's sentences
  that are exactly right; predicted links touching no gold link at all
  (an unrelated or dropped sentence linked) count against overall precision;
* kind accuracy: share of exactly found links with the expected kind.

Gold links are character spans and are mapped to the sentences newsdiff's
segmenter finds, so a segmentation error shows up as an alignment error.

Run: ``python benchmarks/bench_accuracy.py [--copies N]``.
Writes ``benchmarks/results/accuracy_synthetic.{json,md}``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from typing import Any

import newsdiff as nd
from _common import machine, write_results
from syndication import (
    EXPECTED_KIND,
    GoldLink,
    Pair,
    PseudoLanguage,
    derive_copy,
    seed_stories,
    unrelated_sentences,
)

Members = tuple[tuple[int, ...], tuple[int, ...]]


def _members(doc: nd.Document, spans: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Indices of the alignable sentences overlapping any of ``spans``."""
    found = {
        s.index
        for s in doc.sentences
        for start, end in spans
        if s.start < end and start < s.end and s.role is nd.Role.BODY
    }
    return tuple(sorted(found))


def score_pair(pair: Pair, counts: dict[str, Counter[str]], show_errors: bool = False) -> None:
    """Add one pair's outcome to ``counts[operation]``."""
    source = nd.Document.from_text(pair.source, id="source")
    copy = nd.Document.from_text(pair.copy, id="copy")
    alignment = nd.align(source, copy)
    gold: dict[Members, GoldLink] = {}
    owner_a: dict[int, str] = {}
    owner_b: dict[int, str] = {}
    for link in pair.links:
        members = (_members(source, link.a), _members(copy, link.b))
        gold[members] = link
        owner_a.update(dict.fromkeys(members[0], link.operation))
        owner_b.update(dict.fromkeys(members[1], link.operation))
        counts[link.operation]["gold"] += 1
    found: set[Members] = set()
    for link in alignment.links:
        truth = gold.get((link.a, link.b))
        if truth is None:
            operation = next(
                (owner_a[i] for i in link.a if i in owner_a),
                next((owner_b[i] for i in link.b if i in owner_b), "none"),
            )
            counts[operation]["predicted"] += 1
            if show_errors:
                print(f"spurious ({operation}): {alignment.text_a(link)!r}")
                print(f"    -> {alignment.text_b(link)!r}")
            continue
        found.add((link.a, link.b))
        counts[truth.operation]["predicted"] += 1
        counts[truth.operation]["correct"] += 1
        counts[truth.operation]["kind_right"] += link.kind.value == truth.kind
        counts[truth.operation][f"as_{link.kind.value}"] += 1
    if show_errors:
        for (a, b), truth in gold.items():
            if (a, b) not in found:
                print(f"missed {truth.operation} {a}->{b}: {_text(source, a)!r}")
                print(f"    -> {_text(copy, b)!r}")


def _text(doc: nd.Document, members: tuple[int, ...]) -> str:
    return " | ".join(doc.sentences[i].text for i in members)


def _rates(counter: Counter[str]) -> dict[str, Any]:
    correct = counter["correct"]
    return {
        "gold": counter["gold"],
        "predicted": counter["predicted"],
        "correct": correct,
        "precision": correct / counter["predicted"] if counter["predicted"] else 1.0,
        "recall": correct / counter["gold"] if counter["gold"] else 1.0,
        "kind_accuracy": counter["kind_right"] / correct if correct else 0.0,
        "kinds_found": {
            key[3:]: value for key, value in sorted(counter.items()) if key.startswith("as_")
        },
    }


def _score_all(pairs: Iterable[Pair], show_errors: bool) -> dict[str, dict[str, Any]]:
    counts: dict[str, Counter[str]] = {op: Counter() for op in [*EXPECTED_KIND, "none"]}
    for pair in pairs:
        score_pair(pair, counts, show_errors)
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    rows = {op: _rates(counter) for op, counter in counts.items()}
    rows["all"] = _rates(total)
    return rows


def run(copies: int, show_errors: bool = False) -> dict[str, Any]:
    """Two suites: copies of the seed stories (real prose, the team's news
    thesaurus, which covers part of the vocabulary), and copies of
    pseudo-language stories where every content word has a synonym and spin
    swaps about 70% of them (the heavy spinning bots do)."""
    unrelated = unrelated_sentences()
    seeds = seed_stories()
    seed_pairs = (
        derive_copy(story, seed=1_000 * number + copy, unrelated=unrelated)
        for number, story in enumerate(seeds)
        for copy in range(copies)
    )
    language = PseudoLanguage(seed=7)
    pseudo_pairs = (
        derive_copy(
            language.story(30, seed=number),
            seed=number,
            synonyms=language.synonyms,
            keep=0.3,
            unrelated=unrelated,
        )
        for number in range(copies * len(seeds))
    )
    return {
        "machine": machine(),
        "copies_per_story": copies,
        "suites": {
            "seed stories": {
                "pairs": copies * len(seeds),
                "rows": _score_all(seed_pairs, show_errors),
            },
            "pseudo-language stories, heavy spin": {
                "pairs": copies * len(seeds),
                "rows": _score_all(pseudo_pairs, show_errors),
            },
        },
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "# Alignment accuracy on synthetic syndication",
        "",
        "Generator `benchmarks/syndication.py`, fixed seeds; "
        "`python benchmarks/bench_accuracy.py`.",
    ]
    for name, suite in result["suites"].items():
        lines += [
            "",
            f"## {name} ({suite['pairs']} pairs)",
            "",
            "| operation | gold links | predicted | precision | recall | kind accuracy "
            "| kinds found |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for op, row in suite["rows"].items():
            kinds = ", ".join(f"{kind} {n}" for kind, n in row["kinds_found"].items())
            lines.append(
                f"| {op} | {row['gold']} | {row['predicted']} | {row['precision']:.3f} | "
                f"{row['recall']:.3f} | {row['kind_accuracy']:.3f} | {kinds} |"
            )
    lines += [
        "",
        "`none`: predicted links touching no gold link (an unrelated, dropped or furniture "
        "sentence linked); they lower overall precision only.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=40, help="copies per seed story")
    parser.add_argument(
        "--show-errors", action="store_true", help="print every missed and spurious link"
    )
    args = parser.parse_args()
    result = run(args.copies, args.show_errors)
    text = markdown(result)
    write_results("accuracy_synthetic", result, text)
    print(text)


if __name__ == "__main__":
    main()
