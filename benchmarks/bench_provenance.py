"""Provenance on syndication cascades grown from real news text.

``python benchmarks/bench_provenance.py [--cascades N] [--seed S] [--stock N]
[--stories N]`` runs :func:`newsdiff.provenance` on the cascades of
:mod:`cascades` (OneStop Guardian articles; every fifth cascade without its
wire, every third with an identical duplicate, every fourth one generation
deeper) and, in the same run, the floor of ``DESIGN.md``: each document's
parent by word 3-gram containment (share of the copy's 3-grams the candidate
holds) and one maximum spanning arborescence over those weights
(:mod:`newsdiff._arborescence`; the root has weight 0, so the baseline builds
one tree and never invents a latent source).  Writes
``benchmarks/results/provenance.json`` and prints a markdown table.

How a prediction is scored (``score``):

* **Identical copies are one class.**  Documents with the same text cannot
  be ordered from their text, so each document's true parent is read on the
  tree of classes:
  its nearest true ancestor outside its own class (``None`` for the wire,
  ``UNSEEN`` for the wire's children when the wire is left out).  A predicted
  parent that is an identical copy of the document is skipped the same way
  (its own predicted parent is followed).  The *lenient* line of the table
  also takes copies with the same body text (site furniture aside: a
  verbatim copy with other furniture and its parent) as interchangeable,
  since only furniture could order them (a copy right about such a parent
  then shares that parent's verdict, read through it).
* **Parent accuracy** (over the copies, every given document but the wire):
  the document has exactly one predicted parent and it is right: an observed
  node holding (as itself or a member) a document of the true parent's class,
  or a latent node when the true parent is unseen (a latent parent is wrong
  whenever the wire is given).  A document put in one group node with its
  true parent is right too (the group stands for both).  A group the
  document belongs to takes the group's parents when the document has none
  of its own.
* **Parent among**: the true parent is one of the predicted parents.
* **Ancestor accuracy**: at least one predicted parent, and every one of them
  is a true ancestor (a latent one only when the wire is unseen).
* **Root right**: a cascade whose predicted parentless documents are exactly
  the wire (or, wire left out, whose outlets all hang from latent nodes).
* **Edges per copy**: graph edges over the number of copies (a tree has 1;
  fewer when copies have no parent or a group node takes one edge for all
  its members).  **Copies without a parent**: share of copies with none.
* **Mistakes the text cannot refute**: among wrong parents, the share whose
  predicted parent holds at least 98% of the body 3-grams the copy shares
  with its true parent (e.g. the wire and an outlet whose own edits all lie
  in paragraphs the copy trimmed): the floor of error for any method.
* **Latent invented**: cascades with the wire given whose graph has a latent
  node.
* **Calibration**: every edge into a document, binned by confidence, against
  whether its source is right as above; an edge between identical copies
  counts as right in either direction.
* **Stock false derivations**: share of stock pairs (two unrelated briefs
  sharing one stock sentence) that ``derive`` calls derived, and share where
  ``provenance`` draws an edge.
* **OneStop direction**: ``derive`` on each story's Adv/Int, Int/Ele and
  Adv/Ele texts (sides alternated so a method always answering ``a->b``
  scores half); the simpler text is the copy.  Reported: share of pairs given
  a direction, right among those, ``common-source`` and ``unknown`` shares.
  The baseline orients a pair towards the side more contained in the other.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import newsdiff as nd
from newsdiff._arborescence import best_parents

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import RESULTS, ROOT, machine
from cascades import (
    UNSEEN,
    Cascade,
    cascades,
    onestop_articles,
    seed_articles,
    stock_pairs,
)

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0000001)
DEFENSIBLE = 0.98  # share of inherited 3-grams a wrong parent holds to be indistinguishable


@dataclass
class Prediction:
    """A predicted provenance, whatever made it: parents as node ids."""

    parents: dict[str, list[tuple[str, float]]]  # doc id -> [(node id, confidence)]
    docs_of: dict[str, frozenset[str]]  # node id -> the documents it stands for
    latent: set[str]
    group_of: dict[str, str]  # doc id -> the observed multi-document node holding it
    edges: list[tuple[str, str, float]]  # (source node, target node, confidence)


def from_graph(graph: nd.ProvenanceGraph, doc_ids: Sequence[str]) -> Prediction:
    ids = set(doc_ids)
    docs_of: dict[str, frozenset[str]] = {}
    latent: set[str] = set()
    group_of: dict[str, str] = {}
    for node in graph.nodes:
        if node.latent:
            latent.add(node.id)
            docs_of[node.id] = frozenset()
            continue
        members = frozenset(({node.id} & ids) | set(node.members))
        docs_of[node.id] = members
        if len(members) > 1:
            for member in members:
                group_of[member] = node.id
    confidence = {(edge.source, edge.target): edge.confidence for edge in graph.edges}
    parents: dict[str, list[tuple[str, float]]] = {}
    for doc_id in doc_ids:
        holder = doc_id
        found = graph.parents(doc_id)
        if not found and doc_id in group_of:
            holder = group_of[doc_id]
            found = graph.parents(holder)
        parents[doc_id] = [(p, confidence.get((p, holder), 0.0)) for p in found]
    edges = [(edge.source, edge.target, edge.confidence) for edge in graph.edges]
    return Prediction(parents, docs_of, latent, group_of, edges)


_WORDS = re.compile(r"\w+")


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def containment(copy: set[tuple[str, ...]], candidate: set[tuple[str, ...]]) -> float:
    """Share of the copy's 3-grams the candidate holds."""
    return len(copy & candidate) / len(copy) if copy else 0.0


def baseline(docs: Sequence[tuple[str, str]]) -> Prediction:
    """Parents by 3-gram containment, one maximum spanning arborescence."""
    grams = {doc_id: trigrams(text) for doc_id, text in docs}
    ids = [doc_id for doc_id, _ in docs]
    weights: dict[tuple[str | None, str], float] = {(None, doc_id): 0.0 for doc_id in ids}
    for child in ids:
        for parent in ids:
            if parent != child:
                weights[(parent, child)] = containment(grams[child], grams[parent])
    # best_parents minimises cost: negated weights give the maximum-weight tree.
    chosen = best_parents(ids, {edge: -weight for edge, weight in weights.items()})
    parents = {
        child: [] if parent is None else [(parent, weights[(parent, child)])]
        for child, parent in chosen.items()
    }
    edges = [(p[0][0], child, p[0][1]) for child, p in parents.items() if p]
    return Prediction(parents, {i: frozenset({i}) for i in ids}, set(), {}, edges)


@dataclass
class Tally:
    copies: int = 0
    parent_right: int = 0
    parent_among: int = 0
    ancestor_right: int = 0
    edges: int = 0
    cascades: int = 0
    roots_right: int = 0
    wire_given: int = 0
    latent_invented: int = 0
    orphans: int = 0
    defensible: int = 0
    seconds: float = 0.0
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    mistakes: list[dict[str, Any]] = field(default_factory=list)
    mistake_relations: Counter[str] = field(default_factory=Counter)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [right, copies]

    def summary(self) -> dict[str, Any]:
        def share(part: int, whole: int) -> float | None:
            return round(part / whole, 4) if whole else None

        return {
            "copies": self.copies,
            "parent_accuracy": share(self.parent_right, self.copies),
            "parent_among": share(self.parent_among, self.copies),
            "ancestor_accuracy": share(self.ancestor_right, self.copies),
            "edges_per_copy": share(self.edges, self.copies),
            "orphans": share(self.orphans, self.copies),
            "defensible_mistakes": share(self.defensible, self.copies - self.parent_right),
            "mistakes_by_relation": dict(self.mistake_relations.most_common()),
            "root_right": share(self.roots_right, self.cascades),
            "latent_invented": share(self.latent_invented, self.wire_given),
            "seconds": round(self.seconds, 2),
            "parent_accuracy_by_kind": {
                kind: {"copies": total, "parent_accuracy": share(right, total)}
                for kind, (right, total) in sorted(self.by_kind.items())
            },
        }


def score(cascade: Cascade, prediction: Prediction, tally: Tally, *, lenient: bool = False) -> None:
    """Add one cascade's prediction to ``tally`` (rules in the module docstring).
    ``lenient``: classes of identical copies by body text, furniture aside."""
    given = {doc.id: doc for doc in cascade.given}
    by_text: dict[str, set[str]] = {}
    for doc in cascade.given:
        by_text.setdefault(doc.body if lenient else doc.text, set()).add(doc.id)
    same = {
        doc_id: frozenset(by_text[doc.body if lenient else doc.text])
        for doc_id, doc in given.items()
    }

    gram_cache: dict[str, set[tuple[str, ...]]] = {}

    def grams(doc_id: str) -> set[tuple[str, ...]]:
        if doc_id not in gram_cache:
            gram_cache[doc_id] = trigrams(given[doc_id].body)
        return gram_cache[doc_id]

    def docs(node: str) -> frozenset[str]:
        return prediction.docs_of.get(node, frozenset({node}))

    def true_parent(doc_id: str) -> str | None:
        # Nearest true ancestor outside the document's class of identical copies.
        parent = cascade.parent(doc_id)
        while parent is not None and parent != UNSEEN and parent in same[doc_id]:
            parent = cascade.parent(parent)
        return parent

    def resolve(doc_id: str, node: str) -> str | None:
        # A predicted parent identical to the document is skipped: follow it.
        for _ in range(len(given) + 1):
            if node in prediction.latent or not docs(node) <= same[doc_id]:
                return node
            found = prediction.parents.get(node, [])
            if len(found) != 1:
                return None
            node = found[0][0]
        return None

    def holds(node: str | None, truth: str | None) -> bool:
        if node is None or truth is None:
            return node is None and truth is None
        if node in prediction.latent:
            return truth == UNSEEN
        if truth == UNSEEN:
            return False
        return bool(docs(node) & same[truth])

    def right(doc_id: str, node: str) -> bool:
        return holds(resolve(doc_id, node), true_parent(doc_id))

    tally.cascades += 1
    tally.wire_given += cascade.wire_given
    if cascade.wire_given and prediction.latent:
        tally.latent_invented += 1
    root_ok = True
    for doc_id in given:
        found = prediction.parents[doc_id]
        truth = true_parent(doc_id)
        # Read through identical copies, as for parents below.
        only = resolve(doc_id, found[0][0]) if len(found) == 1 else None
        if truth is None:
            root_ok &= not found or (len(found) == 1 and only is None)
            continue
        if truth == UNSEEN:
            root_ok &= only is not None and only in prediction.latent
        elif not found:
            root_ok = False
        tally.copies += 1
        group = prediction.group_of.get(doc_id)
        grouped_with_parent = (
            group is not None and truth != UNSEEN and bool(prediction.docs_of[group] & same[truth])
        )
        hits = [right(doc_id, node) for node, _ in found]
        single = grouped_with_parent or (len(found) == 1 and hits[0])
        tally.parent_right += single
        counts = tally.by_kind.setdefault(copy_kind(cascade, doc_id, truth), [0, 0])
        counts[0] += single
        counts[1] += 1
        tally.parent_among += grouped_with_parent or any(hits)
        ancestors = cascade.ancestors(doc_id)
        resolved = [resolve(doc_id, node) for node, _ in found]
        tally.ancestor_right += bool(found) and all(
            node is not None and any(holds(node, a) for a in ancestors) for node in resolved
        )
        tally.orphans += not found
        if single:
            continue
        # Is the mistake one the text cannot refute?  The predicted parent is
        # "defensible" when it holds (almost) every 3-gram the copy took from
        # its true parent: e.g. a trimmed copy of the wire, and an outlet
        # whose own edits all lie in the paragraphs the copy trimmed.
        held = None
        if len(found) == 1 and truth not in (None, UNSEEN) and found[0][0] not in prediction.latent:
            inherited = grams(doc_id) & grams(truth)
            holder = set().union(*(grams(d) for d in docs(found[0][0]) if d in given))
            held = len(inherited & holder) / len(inherited) if inherited else 1.0
            tally.defensible += held >= DEFENSIBLE
        relation = mistake_relation(
            cascade,
            doc_id,
            None if len(found) != 1 else resolve(doc_id, found[0][0]),
            prediction,
            same[doc_id],
        )
        tally.mistake_relations[relation] += 1
        if len(tally.mistakes) < 60:
            tally.mistakes.append(
                {
                    "cascade": cascade.name,
                    "doc": doc_id,
                    "generation": given[doc_id].generation,
                    "operations": list(given[doc_id].operations),
                    "true_parent": truth,
                    "predicted": [node for node, _ in found],
                    "relation": relation,
                    "predicted_holds_inherited": None if held is None else round(held, 3),
                }
            )
    tally.roots_right += root_ok
    tally.edges += len(prediction.edges)
    for source, target, confidence in prediction.edges:
        correct = any(
            right(doc_id, source)
            or (source not in prediction.latent and bool(docs(source) & same[doc_id]))
            for doc_id in docs(target) & set(given)
        )
        tally.calibration.append((confidence, correct))


def mistake_relation(
    cascade: Cascade,
    doc_id: str,
    node: str | None,
    prediction: Prediction,
    same: frozenset[str],
) -> str:
    """What the wrongly predicted parent ``node`` (already read through
    identical copies) truly is to the copy: none, a latent source beside a
    given wire, an observed document where the wire is unseen, or, on the
    true tree, a descendant of the copy (the edge reversed), a further
    ancestor, a sibling (same true parent), a sibling's descendant, or
    another relative."""
    if node is None:
        return "no parent"
    if node in prediction.latent:
        return "latent source, true parent given"
    members = sorted(prediction.docs_of.get(node, frozenset({node})) - same)
    if not members:
        return "no parent"
    other = members[0]
    parent = cascade.tree[doc_id]

    def line(doc: str | None) -> list[str]:
        chain = []
        while doc is not None:
            chain.append(doc)
            doc = cascade.tree[doc]
        return chain

    prefix = "true parent unseen: " if cascade.parent(doc_id) == UNSEEN else ""
    if doc_id in line(other):
        return prefix + "descendant (edge reversed)"
    if other in line(parent):
        return prefix + "further ancestor"
    if cascade.tree[other] == parent:
        return prefix + "sibling"
    if parent in line(other):
        return prefix + "sibling's descendant"
    return prefix + "other relative"


def copy_kind(cascade: Cascade, doc_id: str, truth: str | None) -> str:
    """How a copy was made: an outlet's copy of the wire (seen or unseen), or
    the first operation of a later copy (verbatim, trim, spin, duplicate)."""
    doc = next(doc for doc in cascade.documents if doc.id == doc_id)
    if doc.generation == 1:
        return "outlet of unseen wire" if truth == UNSEEN else "outlet"
    return doc.operations[0].split()[0]


def calibration_table(points: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    rows = []
    for low, high in pairwise(BINS):
        inside = [correct for confidence, correct in points if low <= confidence < high]
        rows.append(
            {
                "bin": f"{low:.1f}-{min(high, 1.0):.1f}",
                "edges": len(inside),
                "correct": round(sum(inside) / len(inside), 4) if inside else None,
            }
        )
    return rows


def run_cascades(items: list[Cascade]) -> dict[str, Tally]:
    """Both methods on every cascade, with subsets by variant."""
    tallies: dict[str, Tally] = {}
    for cascade in items:
        docs = [nd.Document.from_text(doc.text, id=doc.id) for doc in cascade.given]
        ids = [doc.id for doc in docs]
        began = time.perf_counter()
        graph = nd.provenance(docs)
        ours = from_graph(graph, ids)
        ours_seconds = time.perf_counter() - began
        began = time.perf_counter()
        floor = baseline([(doc.id, doc.text) for doc in cascade.given])
        floor_seconds = time.perf_counter() - began
        variants = ["all", "wire given" if cascade.wire_given else "wire left out"]
        if any(doc.operations == ("duplicate",) for doc in cascade.documents):
            variants.append("with duplicate")
        if max(doc.generation for doc in cascade.documents) >= 3:
            variants.append("depth 3")
        for method, prediction, seconds in (
            ("newsdiff", ours, ours_seconds),
            ("baseline", floor, floor_seconds),
        ):
            for variant in variants:
                tally = tallies.setdefault(f"{method}|{variant}", Tally())
                score(cascade, prediction, tally)
                tally.seconds += seconds
            score(
                cascade, prediction, tallies.setdefault(f"{method}|lenient", Tally()), lenient=True
            )
    return tallies


def run_stock(count: int, seed: int) -> dict[str, Any]:
    articles = onestop_articles() or seed_articles()
    derived = drawn = 0
    confidences: list[float] = []
    pairs = stock_pairs(articles, count, seed)
    for pair in pairs:
        a = nd.Document.from_text(pair.text_a, id=pair.a)
        b = nd.Document.from_text(pair.text_b, id=pair.b)
        relation = nd.derive(a, b)
        if relation.derived:
            derived += 1
            confidences.append(relation.confidence)
        drawn += bool(nd.provenance([a, b]).edges)
    return {
        "pairs": len(pairs),
        "derive_says_derived": round(derived / len(pairs), 4) if pairs else None,
        "provenance_draws_edge": round(drawn / len(pairs), 4) if pairs else None,
        "mean_confidence_when_derived": (
            round(sum(confidences) / len(confidences), 4) if confidences else None
        ),
    }


def run_onestop(stories: int | None) -> dict[str, Any]:
    levels = {level: onestop_articles(level) for level in ("Adv", "Int", "Ele")}
    if not levels["Adv"]:
        return {"skipped": "../shared/data/onestop-train is absent"}
    texts = {
        level: {article.name: "\n\n".join(article.paragraphs) + "\n" for article in articles}
        for level, articles in levels.items()
    }
    names = sorted(set.intersection(*(set(t) for t in texts.values())))[:stories]
    ours: Counter[str] = Counter()
    floor: Counter[str] = Counter()
    by_pair: dict[str, Counter[str]] = {}
    number = 0
    for name in names:
        for source, copy in combinations(("Adv", "Int", "Ele"), 2):
            number += 1
            swap = number % 2 == 0  # alternate sides: "always a->b" scores half
            first, second = (copy, source) if swap else (source, copy)
            a = nd.Document.from_text(texts[first][name], id=f"{name}-{first}")
            b = nd.Document.from_text(texts[second][name], id=f"{name}-{second}")
            truth = "b->a" if swap else "a->b"
            direction = nd.derive(a, b).direction
            verdict = (
                "right"
                if direction == truth
                else "wrong"
                if direction in ("a->b", "b->a")
                else direction
            )
            ours[verdict] += 1
            by_pair.setdefault(f"{source}->{copy}", Counter())[verdict] += 1
            ga, gb = trigrams(a.text), trigrams(b.text)
            # The copy is the side more contained in the other.
            lean = containment(gb, ga) - containment(ga, gb)
            guess = "a->b" if lean > 0 else "b->a" if lean < 0 else "unknown"
            floor["right" if guess == truth else "wrong" if guess != "unknown" else "unknown"] += 1
    return {
        "stories": len(names),
        "newsdiff": _direction_summary(ours),
        "baseline": _direction_summary(floor),
        "newsdiff_by_pair": {pair: _direction_summary(c) for pair, c in by_pair.items()},
    }


def _direction_summary(counts: Counter[str]) -> dict[str, Any]:
    total = sum(counts.values())
    oriented = counts["right"] + counts["wrong"]
    return {
        "pairs": total,
        "given_direction": round(oriented / total, 4) if total else None,
        "right_of_given": round(counts["right"] / oriented, 4) if oriented else None,
        "common_source": round(counts["common-source"] / total, 4) if total else None,
        "unknown": round(counts["unknown"] / total, 4) if total else None,
    }


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src/newsdiff"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip() + (" + uncommitted src changes" if dirty.stdout.strip() else "")


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def markdown(result: dict[str, Any]) -> str:
    rows = [
        ("parent accuracy", "parent_accuracy"),
        ("true parent among predicted", "parent_among"),
        ("ancestor accuracy", "ancestor_accuracy"),
        ("edges per copy", "edges_per_copy"),
        ("copies without a parent", "orphans"),
        ("mistakes the text cannot refute (of mistakes)", "defensible_mistakes"),
        ("root right (cascades)", "root_right"),
        ("latent invented, wire given (cascades)", "latent_invented"),
        ("seconds (all cascades)", "seconds"),
    ]
    ours, floor = result["cascades"]["newsdiff|all"], result["cascades"]["baseline|all"]
    lines = [
        f"Cascades: {ours['copies']} copies in {result['settings']['cascades']} cascades "
        f"(seed {result['settings']['seed']}); code {result['code']}",
        "",
        "| measure | newsdiff | baseline (3-gram containment + arborescence) |",
        "|---|---|---|",
    ]
    lines += [f"| {label} | {_fmt(ours[key])} | {_fmt(floor[key])} |" for label, key in rows]
    lenient = (result["cascades"]["newsdiff|lenient"], result["cascades"]["baseline|lenient"])
    lines.append(
        "| parent accuracy, lenient (verbatim copies with other furniture interchangeable) "
        f"| {_fmt(lenient[0]['parent_accuracy'])} | {_fmt(lenient[1]['parent_accuracy'])} |"
    )
    lines += [
        "",
        "| parent accuracy by variant | copies | newsdiff | baseline |",
        "|---|---|---|---|",
    ]
    for key, tally in result["cascades"].items():
        method, variant = key.split("|")
        if method == "newsdiff" and variant not in ("all", "lenient"):
            base = result["cascades"][f"baseline|{variant}"]
            lines.append(
                f"| {variant} | {tally['copies']} | {_fmt(tally['parent_accuracy'])} "
                f"| {_fmt(base['parent_accuracy'])} |"
            )
    kinds_ours = ours["parent_accuracy_by_kind"]
    kinds_floor = floor["parent_accuracy_by_kind"]
    lines += ["", "| parent accuracy by kind of copy | copies | newsdiff | baseline |"]
    lines.append("|---|---|---|---|")
    for kind, row in kinds_ours.items():
        lines.append(
            f"| {kind} | {row['copies']} | {_fmt(row['parent_accuracy'])} "
            f"| {_fmt(kinds_floor[kind]['parent_accuracy'])} |"
        )
    lines += ["", "| wrong parents: what the predicted parent truly is | newsdiff | baseline |"]
    lines.append("|---|---|---|")
    relations_floor = floor["mistakes_by_relation"]
    for relation in sorted(
        {*ours["mistakes_by_relation"], *relations_floor},
        key=lambda r: (-ours["mistakes_by_relation"].get(r, 0), r),
    ):
        lines.append(
            f"| {relation} | {ours['mistakes_by_relation'].get(relation, 0)} "
            f"| {relations_floor.get(relation, 0)} |"
        )
    stock = result["stock"]
    lines += [
        "",
        f"Stock pairs ({stock['pairs']}): derive calls derived "
        f"{_fmt(stock['derive_says_derived'])}, "
        f"provenance draws an edge {_fmt(stock['provenance_draws_edge'])}, mean confidence "
        f"when derived {_fmt(stock['mean_confidence_when_derived'])}",
    ]
    onestop = result["onestop"]
    if "skipped" not in onestop:
        lines += [
            "",
            f"| OneStop direction ({onestop['stories']} stories) | pairs | given a direction "
            "| right of given | common-source | unknown |",
            "|---|---|---|---|---|---|",
        ]
        named = {"newsdiff": onestop["newsdiff"], "baseline": onestop["baseline"]}
        named |= {f"newsdiff {k}": v for k, v in onestop["newsdiff_by_pair"].items()}
        for label, row in named.items():
            lines.append(
                f"| {label} | {row['pairs']} | {_fmt(row['given_direction'])} "
                f"| {_fmt(row['right_of_given'])} | {_fmt(row['common_source'])} "
                f"| {_fmt(row['unknown'])} |"
            )
    lines += [
        "",
        "| confidence | newsdiff edges | right | baseline edges | right |",
        "|---|---|---|---|---|",
    ]
    for ours_row, floor_row in zip(
        result["calibration"]["newsdiff"], result["calibration"]["baseline"], strict=True
    ):
        lines.append(
            f"| {ours_row['bin']} | {ours_row['edges']} | {_fmt(ours_row['correct'])} "
            f"| {floor_row['edges']} | {_fmt(floor_row['correct'])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cascades", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stock", type=int, default=100, help="stock-sentence pairs")
    parser.add_argument("--stories", type=int, default=None, help="OneStop stories (all: 95)")
    parser.add_argument("--output", type=Path, default=RESULTS / "provenance.json")
    parser.add_argument(
        "--code", default=None, help="describe the code measured (default: git commit of the repo)"
    )
    args = parser.parse_args(argv)

    articles = onestop_articles()
    source = "onestop-train/Adv-Txt"
    if not articles:
        print(
            "../shared/data/onestop-train is absent: cascades from seeds/ instead", file=sys.stderr
        )
        articles, source = seed_articles(), "seeds"
    items = cascades(articles, args.cascades, args.seed)
    tallies = run_cascades(items)
    result: dict[str, Any] = {
        "command": shlex.join(["python", "benchmarks/bench_provenance.py", *sys.argv[1:]]),
        "machine": machine(),
        "code": args.code or _commit(),
        "settings": {
            "cascades": args.cascades,
            "seed": args.seed,
            "articles": source,
            "documents": sum(len(c.given) for c in items),
        },
        "cascades": {key: tally.summary() for key, tally in tallies.items()},
        "calibration": {
            method: calibration_table(tallies[f"{method}|all"].calibration)
            for method in ("newsdiff", "baseline")
        },
        "stock": run_stock(args.stock, args.seed),
        "onestop": run_onestop(args.stories),
        "mistakes": tallies["newsdiff|all"].mistakes,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
