"""newsdiff's judgement on real, human-labelled data, beside word-Jaccard.

One command prints the real-data table and writes
``benchmarks/results/real.{json,md}``:

* **MSRP train** (4,076 news sentence pairs, paraphrase yes/no): accuracy
  under 10-fold cross-validation; each fold's threshold is the one that does
  best on the other nine folds (folds from a fixed seed).
* **STS-B train+dev, main-news genre**: Pearson and Spearman correlation of
  each score with the human 0-5 scores.
* **PAN13 train**, per category: ``align(suspicious, source).passages()``
  as detections with the PAN character measures (:mod:`bench_pan`), beside
  the same passage rule over a word-Jaccard sentence aligner built here.
  By default a deterministic sample of pairs spread evenly over each
  category (``--pan-sample``; ``--pan-sample 0`` runs every pair).
* **Alternatives weighed** for the score (issue 10 part 1), not shipped,
  on the same MSRP and STS-B pairs (``run_alternatives``): the score by
  token kind alone (the default before rarity weights), the score shrunk
  for a long run of unshared words, and a logistic combination, the last
  two fitted on MSRP.
* **Rewrite kinds**: the kind ``align`` gives each pair of
  ``tests/golden/rewrite_kinds.jsonl`` against a person's label, per kind.
  The golden file holds references into the corpora, never their text.

Every similarity is measured in the same run on the same pairs: plain word
Jaccard (the floor), word 3-gram containment, newsdiff's score before this
benchmark existed (weighted Dice over token kinds), and newsdiff's current
score (:func:`newsdiff.similarity.similarity` over
:func:`newsdiff.similarity.by_rarity` features, rarity counted over the
data set's sentences).  Published anchors are the
figures quoted in issue 10.  Skips cleanly (exit 0) when the shared data is
absent.

Run: ``python benchmarks/bench_real.py [--pan-sample N] [--skip-pan]``;
``--sweep N`` prints how ``min_score`` and ``group_containment`` were
chosen (N PAN pairs a category; 1200 takes every pair).  ``--wordnet DIR``
also measures synonym knowledge from a WordNet 3.0 dict directory
(:mod:`wordnet_reader`; ``run_wordnet``) beside the figures without it, and
writes ``benchmarks/results/real_wordnet.{json,md}`` instead.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

import newsdiff as nd
from _common import ROOT, SHARED_DATA, machine, write_results
from bench_pan import CATEGORIES, CORPUS, REFERENCE, gold_cases, run_category, sampled_pairs
from bench_pan import GAP as PAN_GAP
from bench_pan import MIN_CHARS as PAN_MIN_CHARS
from bench_pan import TRIM as PAN_TRIM
from newsdiff.alignment import Alignment, Link, alignable
from newsdiff.errors import InputError
from newsdiff.rewrite import Evidence, KindOptions, RewriteKind, classify
from newsdiff.similarity import (
    KIND_WEIGHTS,
    Features,
    bag_dice,
    by_rarity,
    features,
    lcs_length,
    position_masks,
    similarity,
)
from newsdiff.text.lexicon import FUNCTION_WORDS
from newsdiff.text.tokenize import TokenInfo, TokenKind
from pan_measures import Passage, evaluate
from wordnet_reader import WordNet, synonym_pairs

MSRP = SHARED_DATA / "msrp-train" / "msr_paraphrase_train.txt"
STS = (
    SHARED_DATA / "sts-benchmark" / "sts-train.csv",
    SHARED_DATA / "sts-benchmark" / "sts-dev.csv",
)
GOLDEN_KINDS = ROOT / "tests" / "golden" / "rewrite_kinds.jsonl"
BEFORE = ROOT / "benchmarks" / "results" / "real_before.json"

FOLDS = 10
SEED = 13
PAN_SAMPLE = 0  # every pair: about two minutes

# Anchors quoted in issue 10 (published systems, or peers run on this machine).
ANCHORS = {
    "msrp": "0.72-0.74 (WordNet-based systems, MSRP test)",
    "sts": "-",
}

_WORD = re.compile(r"\w+")
_MEMO: dict[str, TokenInfo] = {}


# ----------------------------------------------------------------------------
# Similarities compared.


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_jaccard(left: str, right: str) -> float:
    """|A & B| / |A | B| over lower-cased word sets: the floor."""
    a, b = set(_words(left)), set(_words(right))
    return len(a & b) / len(a | b) if a or b else 0.0


def trigram_containment(left: str, right: str) -> float:
    """Shared word 3-grams over the smaller side's 3-grams."""
    wa, wb = _words(left), _words(right)
    a = {tuple(wa[k : k + 3]) for k in range(len(wa) - 2)}
    b = {tuple(wb[k : k + 3]) for k in range(len(wb) - 2)}
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _unfolded_bag(text: str) -> tuple[dict[str, int], int]:
    feature = features(text, _MEMO)
    bag: dict[str, int] = {}
    for norm, kind in zip(feature.norms, feature.kinds, strict=True):
        bag[norm] = bag.get(norm, 0) + KIND_WEIGHTS[kind]
    return bag, sum(bag.values())


def weighted_dice(left: str, right: str) -> float:
    """newsdiff's score before issue 10: weighted Dice of the token bags,
    whole words (no folding)."""
    return bag_dice(*_unfolded_bag(left), *_unfolded_bag(right))


def kind_dice(left: str, right: str) -> float:
    """newsdiff's score weighted by token kind alone (folded tokens, no
    rarity): the link score from the start of issue 10 until rarity."""
    return similarity(features(left, _MEMO), features(right, _MEMO))


def newsdiff_scores(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """newsdiff's link score (:func:`newsdiff.similarity.similarity` over
    :func:`newsdiff.similarity.by_rarity` features) of each pair, rarity
    counted over the distinct sentences of ``pairs`` themselves (no labels):
    the aligner counts it over the two documents it aligns, which a data set
    of unrelated sentence pairs does not have."""
    described = {text: features(text, _MEMO) for pair in pairs for text in pair}
    weighted = by_rarity(described)
    return [similarity(weighted[left], weighted[right]) for left, right in pairs]


# A score of all pairs of a data set at once (newsdiff's score depends on
# the sentences compared).
Scorer = Callable[[Sequence[tuple[str, str]]], list[float]]


def per_pair(method: Callable[[str, str], float]) -> Scorer:
    """A score of one pair as a score of a data set's pairs."""
    return lambda pairs: [method(left, right) for left, right in pairs]


METHODS: dict[str, Scorer] = {
    "word-jaccard": per_pair(word_jaccard),
    "3-gram containment": per_pair(trigram_containment),
    "newsdiff before (weighted Dice)": per_pair(weighted_dice),
    "newsdiff": newsdiff_scores,
}


# ----------------------------------------------------------------------------
# MSRP: cross-validated accuracy.


def read_msrp() -> list[tuple[int, str, str]]:
    rows = []
    lines = MSRP.read_text(encoding="utf-8-sig").split("\n")[1:]
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 5:
            rows.append((int(parts[0]), parts[3], parts[4]))
    return rows


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold (score >= t means yes) with the best accuracy; the
    midpoint between neighbouring scores, lowest on ties."""
    order = sorted(range(len(scores)), key=lambda k: scores[k])
    positives = sum(labels)
    correct = positives  # threshold below everything: all "yes"
    best, best_t = correct, scores[order[0]] - 1e-9
    for rank, k in enumerate(order):
        correct += -1 if labels[k] else 1  # item k now falls below the threshold
        nxt = order[rank + 1] if rank + 1 < len(order) else None
        if nxt is not None and scores[nxt] == scores[k]:
            continue
        threshold = (scores[k] + scores[nxt]) / 2 if nxt is not None else scores[k] + 1e-9
        if correct > best:
            best, best_t = correct, threshold
    return best_t


def msrp_folds(count: int) -> list[list[int]]:
    """The cross-validation folds of ``count`` pairs (fixed seed)."""
    indices = list(range(count))
    random.Random(SEED).shuffle(indices)
    return [indices[k::FOLDS] for k in range(FOLDS)]


def cross_validated(scores: list[float], labels: list[int]) -> dict[str, float]:
    indices = range(len(scores))
    folds = msrp_folds(len(scores))
    correct = 0
    thresholds = []
    for fold in folds:
        held = set(fold)
        train = [k for k in indices if k not in held]
        threshold = best_threshold([scores[k] for k in train], [labels[k] for k in train])
        thresholds.append(threshold)
        correct += sum((scores[k] >= threshold) == bool(labels[k]) for k in fold)
    full = best_threshold(scores, labels)
    return {
        "cv_accuracy": correct / len(scores),
        "threshold_mean": statistics.fmean(thresholds),
        "threshold_full_train": full,
    }


def run_msrp() -> dict[str, Any]:
    rows = read_msrp()
    labels = [label for label, _, _ in rows]
    result: dict[str, Any] = {"pairs": len(rows), "positives": sum(labels)}
    pairs = [(left, right) for _, left, right in rows]
    for name, method in METHODS.items():
        result[name] = cross_validated(method(pairs), labels)
    return result


# ----------------------------------------------------------------------------
# STS-B news: correlations.


def read_sts() -> list[tuple[float, str, str]]:
    rows = []
    for path in STS:
        for line in path.read_text(encoding="utf-8").split("\n"):
            parts = line.split("\t")
            if len(parts) >= 7 and parts[0] == "main-news":
                rows.append((float(parts[4]), parts[5], parts[6]))
    return rows


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda k: values[k])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in order[start : end + 1]:
            ranks[k] = (start + end) / 2
        start = end + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return pearson(_ranks(x), _ranks(y))


def run_sts() -> dict[str, Any]:
    rows = read_sts()
    gold = [score for score, _, _ in rows]
    result: dict[str, Any] = {"pairs": len(rows)}
    pairs = [(left, right) for _, left, right in rows]
    for name, method in METHODS.items():
        scores = method(pairs)
        result[name] = {"pearson": pearson(scores, gold), "spearman": spearman(scores, gold)}
    return result


# ----------------------------------------------------------------------------
# Alternatives weighed for the score (issue 10 part 1), not newsdiff's score.


def unmatched_run(left: Features, right: Features) -> int:
    """The longest run of tokens of either sentence whose folds the other
    lacks, a shared function word neither breaking nor extending a run: an
    added clause, which MSRP's annotators read as "not a paraphrase"."""
    longest = 0
    for mine, theirs in ((left, right), (right, left)):
        other = set(theirs.folds)
        run = 0
        for form, kind in zip(mine.folds, mine.kinds, strict=True):
            if form not in other:
                run += 1
                longest = max(longest, run)
            elif kind is not TokenKind.FUNCTION:
                run = 0
    return longest


# The penalty's grid: score * exp(-rate * max(0, run - allowance)).
RUN_RATES = (0.03, 0.05, 0.08, 0.12)
RUN_ALLOWANCES = (1, 2, 3, 4)


def run_penalised(pairs: Sequence[tuple[str, str]], rate: float, allowance: int) -> list[float]:
    """newsdiff's score shrunk for a long run of unmatched words
    (:func:`unmatched_run`)."""
    runs = [unmatched_run(features(left, _MEMO), features(right, _MEMO)) for left, right in pairs]
    return [
        score * math.exp(-rate * max(0, run - allowance))
        for score, run in zip(newsdiff_scores(pairs), runs, strict=True)
    ]


def nested_cross_validated(
    candidates: dict[Any, list[float]], labels: list[int]
) -> tuple[float, Any]:
    """MSRP accuracy when each fold's setting (a key of ``candidates``,
    each with its scores) and threshold are both chosen on the other folds;
    and the setting best on all pairs."""

    def best(train: list[int]) -> tuple[Any, float]:
        outcomes = []
        for setting, scores in candidates.items():
            threshold = best_threshold([scores[k] for k in train], [labels[k] for k in train])
            hits = sum((scores[k] >= threshold) == bool(labels[k]) for k in train)
            outcomes.append((hits, setting, threshold))
        hits, setting, threshold = max(outcomes, key=lambda outcome: outcome[0])
        return setting, threshold

    correct = 0
    for fold in msrp_folds(len(labels)):
        held = set(fold)
        setting, threshold = best([k for k in range(len(labels)) if k not in held])
        scores = candidates[setting]
        correct += sum((scores[k] >= threshold) == bool(labels[k]) for k in fold)
    return correct / len(labels), best(list(range(len(labels))))[0]


COMBINED = (
    "kind-weighted Dice",
    "folded LCS",
    "folded bigram Dice",
    "|log length ratio|",
    "numbers unshared",
)


def pair_evidence(left: str, right: str) -> list[float]:
    """The features of the fitted combination (``COMBINED``): newsdiff's
    score by token kind (:func:`kind_dice`), 2 * LCS / both lengths over
    folded tokens, Dice of folded-token bigrams, the log ratio of the
    lengths, and how many numbers one side has and the other lacks."""
    f, g = features(left, _MEMO), features(right, _MEMO)
    if not f.folds or not g.folds:
        return [0.0, 0.0, 0.0, 0.0, 0.0]
    common = lcs_length(position_masks(f.folds), len(f.folds), g.folds)
    bigrams_f, bigrams_g = set(itertools.pairwise(f.folds)), set(itertools.pairwise(g.folds))
    joint = len(bigrams_f) + len(bigrams_g)
    numbers_f = {n for n, k in zip(f.norms, f.kinds, strict=True) if k is TokenKind.NUMBER}
    numbers_g = {n for n, k in zip(g.norms, g.kinds, strict=True) if k is TokenKind.NUMBER}
    return [
        similarity(f, g),
        2 * common / (len(f.folds) + len(g.folds)),
        2 * len(bigrams_f & bigrams_g) / joint if joint else 0.0,
        abs(math.log(len(f.folds) / len(g.folds))),
        float(len(numbers_f ^ numbers_g)),
    ]


def _logistic_fit(rows: Any, labels: Any) -> Any:
    """Weights (intercept last) of a logistic regression, by Newton steps
    with a small ridge; ``rows`` and ``labels`` are numpy arrays."""
    import numpy as np

    design = np.c_[rows, np.ones(len(rows))]
    weights = np.zeros(design.shape[1])
    for _ in range(25):
        chance = 1 / (1 + np.exp(-design @ weights))
        gradient = design.T @ (chance - labels) + 1e-3 * weights
        hessian = (design * (chance * (1 - chance))[:, None]).T @ design
        weights -= np.linalg.solve(hessian + 1e-3 * np.eye(len(weights)), gradient)
    return weights


def run_alternatives() -> dict[str, Any]:
    """MSRP cross-validated accuracy and STS-B news correlations of the
    alternatives: the score by token kind alone (the default before rarity),
    newsdiff's score with the unmatched-run penalty (rate and allowance
    chosen inside each MSRP training fold, on STS-B the setting best on all
    of MSRP train), and a logistic regression over ``COMBINED`` fitted
    inside each MSRP training fold (its threshold too; on STS-B, the weights
    fitted on all of MSRP train)."""
    import numpy as np

    msrp = read_msrp()
    sts = read_sts()
    labels = [label for label, _, _ in msrp]
    gold = [score for score, _, _ in sts]
    result: dict[str, Any] = {}
    msrp_pairs = [(left, right) for _, left, right in msrp]
    sts_pairs = [(left, right) for _, left, right in sts]
    msrp_kind = [kind_dice(left, right) for left, right in msrp_pairs]
    sts_kind = [kind_dice(left, right) for left, right in sts_pairs]
    result["kind weights only (no rarity)"] = {
        "msrp": cross_validated(msrp_kind, labels)["cv_accuracy"],
        "pearson": pearson(sts_kind, gold),
        "spearman": spearman(sts_kind, gold),
    }
    settings = list(itertools.product(RUN_RATES, RUN_ALLOWANCES))
    accuracy, chosen = nested_cross_validated(
        {setting: run_penalised(msrp_pairs, *setting) for setting in settings}, labels
    )
    sts_penalised = run_penalised(sts_pairs, *chosen)
    result["unmatched-run penalty (fitted on MSRP)"] = {
        "msrp": accuracy,
        "pearson": pearson(sts_penalised, gold),
        "spearman": spearman(sts_penalised, gold),
        "setting": {"rate": chosen[0], "allowance": chosen[1]},
    }
    rows = np.array([pair_evidence(left, right) for _, left, right in msrp])
    answers = np.array(labels, dtype=float)

    def fitted(train: list[int]) -> tuple[Any, Any]:
        # Scaled on the training rows only, like everything else fitted.
        mean, spread = rows[train].mean(0), rows[train].std(0) + 1e-12
        weights = _logistic_fit((rows[train] - mean) / spread, answers[train])
        return weights[:-1] / spread, mean

    correct = 0
    for fold in msrp_folds(len(labels)):
        held = set(fold)
        train = [k for k in range(len(labels)) if k not in held]
        weights, mean = fitted(train)
        scores = (rows - mean) @ weights
        threshold = best_threshold(list(scores[train]), [labels[k] for k in train])
        correct += sum((scores[k] >= threshold) == bool(labels[k]) for k in fold)
    weights, mean = fitted(list(range(len(labels))))
    sts_rows = np.array([pair_evidence(left, right) for _, left, right in sts])
    sts_scores = list((sts_rows - mean) @ weights)
    result["logistic combination (fitted on MSRP)"] = {
        "msrp": correct / len(labels),
        "pearson": pearson(sts_scores, gold),
        "spearman": spearman(sts_scores, gold),
        "weights": dict(zip(COMBINED, (float(w) for w in weights), strict=True)),
    }
    return result


# ----------------------------------------------------------------------------
# PAN13: passages from newsdiff, and from a word-Jaccard aligner.


def _jaccard_alignment(a: nd.Document, b: nd.Document, threshold: float) -> Alignment:
    """Greedy best-first 1:1 links of alignable sentences at word-Jaccard >=
    ``threshold`` (candidates: pairs sharing a word that is not a function
    word), wrapped as an :class:`Alignment` so passages come from the same
    code as newsdiff's."""
    side_a = [s for s in a.sentences if alignable(s)]
    side_b = [s for s in b.sentences if alignable(s)]
    sets_a = [set(_words(s.text)) for s in side_a]
    sets_b = [set(_words(s.text)) for s in side_b]
    index: dict[str, list[int]] = {}
    for position, words in enumerate(sets_a):
        for word in words - FUNCTION_WORDS:
            index.setdefault(word, []).append(position)
    scored = []
    for j, words in enumerate(sets_b):
        seen = {i for word in words - FUNCTION_WORDS for i in index.get(word, ())}
        for i in seen:
            union = len(sets_a[i] | words)
            score = len(sets_a[i] & words) / union if union else 0.0
            if score >= threshold:
                scored.append((-score, i, j))
    scored.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    links = []
    evidence = Evidence(0.0, 0.0, 0.0, ())
    for negative, i, j in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        links.append(
            Link((side_a[i].index,), (side_b[j].index,), -negative, RewriteKind.EDIT, evidence)
        )
    links.sort(key=lambda link: (link.a, link.b))
    linked_a = {link.a[0] for link in links}
    linked_b = {link.b[0] for link in links}
    return Alignment(
        a,
        b,
        tuple(links),
        tuple(s.index for s in side_a if s.index not in linked_a),
        tuple(s.index for s in side_b if s.index not in linked_b),
    )


def run_pan_with(
    category: str,
    sample: int | None,
    aligned: Callable[[nd.Document, nd.Document], Alignment],
    summaries: bool = True,
) -> dict[str, Any]:
    """PAN detections of a category from another aligner, with the same
    passages, gold cases and timing as :func:`bench_pan.run_category`.
    ``summaries=False`` turns off the passages' summary reach
    (``summary_gap=0``) and rescued seeds (``rescue_score`` above 1), which
    score sentences with newsdiff's own score: a baseline aligner must not
    borrow it."""
    cases: list[Passage] = []
    detections: list[Passage] = []
    seconds = []
    flagged = 0
    for susp, src in sampled_pairs(category, sample):
        cases.extend(gold_cases(category, susp, src))
        began = time.perf_counter()
        suspicious = nd.Document.from_file(CORPUS / "susp" / susp, id="susp")
        source = nd.Document.from_file(CORPUS / "src" / src, id="src")
        found = aligned(suspicious, source).passages(
            PAN_GAP,
            PAN_MIN_CHARS,
            trim=PAN_TRIM,
            **({} if summaries else {"summary_gap": 0, "rescue_score": 2.0}),
        )
        seconds.append(time.perf_counter() - began)
        detections.extend(Passage(f"{susp} {src}", *passage) for passage in found)
        flagged += bool(found)
    return {
        "pairs": len(sampled_pairs(category, sample)),
        "cases": cases,
        "detections": detections,
        "seconds": seconds,
        "pairs_with_detections": flagged,
    }


def _pan_row(
    cases: list[Passage], detections: list[Passage], seconds: list[float]
) -> dict[str, Any]:
    scores = evaluate(cases, detections)
    return {
        "precision": scores.precision,
        "recall": scores.recall,
        "granularity": scores.granularity,
        "plagdet": scores.plagdet,
        "detections": scores.detections,
        "mean_ms_per_pair": statistics.fmean(seconds) * 1e3 if seconds else 0.0,
    }


def run_pan(sample: int | None, jaccard_threshold: float) -> dict[str, Any]:
    result: dict[str, Any] = {
        "sample_per_category": sample,
        "jaccard_threshold": jaccard_threshold,
        "gap": PAN_GAP,
        "min_chars": PAN_MIN_CHARS,
        "rows": {},
    }
    aligners: dict[str, Callable[[str], dict[str, Any]]] = {
        "newsdiff": lambda category: run_category(category, sample),
        "word-jaccard": lambda category: run_pan_with(
            category,
            sample,
            lambda a, b: _jaccard_alignment(a, b, jaccard_threshold),
            summaries=False,
        ),
    }
    totals: dict[str, list[list[Passage] | list[float]]] = {name: [[], [], []] for name in aligners}
    for category in CATEGORIES:
        outcomes = {name: run(category) for name, run in aligners.items()}
        ours = outcomes["newsdiff"]
        row = {
            "pairs": ours["pairs"],
            "cases": len(ours["cases"]),
            **{
                name: _pan_row(outcome["cases"], outcome["detections"], outcome["seconds"])
                for name, outcome in outcomes.items()
            },
            "pairs_with_detections": {
                name: outcome["pairs_with_detections"] for name, outcome in outcomes.items()
            },
        }
        result["rows"][category] = row
        for name, outcome in outcomes.items():
            for slot, key in enumerate(("cases", "detections", "seconds")):
                totals[name][slot].extend(outcome[key])
        print(
            f"  PAN {category}: "
            + ", ".join(f"{name} {row[name]['plagdet']:.3f}" for name in aligners),
            file=sys.stderr,
            flush=True,
        )
    result["rows"]["all"] = {
        "pairs": sum(row["pairs"] for row in result["rows"].values()),
        "cases": sum(row["cases"] for row in result["rows"].values()),
        **{name: _pan_row(*parts) for name, parts in totals.items()},  # type: ignore[arg-type]
    }
    return result


# ----------------------------------------------------------------------------
# Rewrite kinds against the golden labels.


def golden_texts(record: dict[str, Any]) -> tuple[str, str]:
    """The two texts a golden record refers to: MSRP pairs by their ids,
    other corpora by file and character span of the text
    ``Document.from_file`` reads (the golden file holds no corpus text), the
    seeds quoted."""
    source = record["source"]
    if source == "seeds":
        return record["a"], record["b"]
    if source == "msrp":
        return read_msrp_by_ids()[(record["id1"], record["id2"])]
    return (
        _document_text(record["a_file"])[slice(*record["a_span"])],
        _document_text(record["b_file"])[slice(*record["b_span"])],
    )


_TEXTS: dict[str, str] = {}
_MSRP_BY_IDS: dict[tuple[str, str], tuple[str, str]] = {}


def _document_text(name: str) -> str:
    if name not in _TEXTS:
        _TEXTS[name] = nd.Document.from_file(SHARED_DATA / name, id=name).text
    return _TEXTS[name]


def read_msrp_by_ids() -> dict[tuple[str, str], tuple[str, str]]:
    if not _MSRP_BY_IDS:
        for line in MSRP.read_text(encoding="utf-8-sig").split("\n")[1:]:
            parts = line.split("\t")
            if len(parts) >= 5:
                _MSRP_BY_IDS[(parts[1], parts[2])] = (parts[3], parts[4])
    return _MSRP_BY_IDS


# What decides a pair's kind: newsdiff's classify, or a variant measured here.
Classifier = Callable[[Features, Features, KindOptions | None], tuple[RewriteKind, Evidence]]


def run_kinds(classifier: Classifier = classify) -> dict[str, Any] | None:
    if not GOLDEN_KINDS.exists():
        return None
    records = [
        json.loads(line)
        for line in GOLDEN_KINDS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    per_kind: dict[str, Counter[str]] = {}
    misses = []
    for record in records:
        a, b = golden_texts(record)
        kind, evidence = classifier(features(a, _MEMO), features(b, _MEMO), None)
        found = kind.value
        per_kind.setdefault(record["kind"], Counter())[found] += 1
        if found != record["kind"]:
            # The evidence's numbers and rule, not its substitutions: those are
            # words of the licensed text, which stays out of the results.
            numbers = evidence.to_dict()
            del numbers["substitutions"]
            misses.append(
                {"ref": record.get("ref", ""), "gold": record["kind"], "found": found} | numbers
            )
    rows = {
        kind: {
            "pairs": sum(found.values()),
            "accuracy": found[kind] / sum(found.values()),
            "found": dict(found),
        }
        for kind, found in sorted(per_kind.items())
    }
    total = sum(row["pairs"] for row in rows.values())
    correct = sum(per_kind[kind][kind] for kind in per_kind)
    return {
        "pairs": total,
        "accuracy": correct / total if total else 0.0,
        "per_kind": rows,
        "misses": misses,
    }


KIND_GRID = {
    "edit_min_kept": (0.6, 0.65, 0.7, 0.75, 0.8),
    "edit_min_order": (0.8, 0.85, 0.9, 0.95),
    "spin_min_gap": (0.2, 0.25, 0.3, 0.4),
    "spin_min_substitutions": (2, 3, 4, 5),
    "edit_max_changed": (0, 1, 2, 3),
}


def kinds_cross_validated(
    folds: int = 5, classifier: Classifier = classify
) -> dict[str, Any] | None:
    """Golden kind accuracy when the thresholds are chosen on the other
    folds (a grid over ``KIND_GRID``; ``spin_min_skeleton``, ``edit_min_run``
    and ``edit_min_chunked`` at their defaults, since putting them in the grid
    lowers the figure): how much of the in-sample figure is fitting."""
    if not GOLDEN_KINDS.exists():
        return None
    records = [
        json.loads(line)
        for line in GOLDEN_KINDS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    pairs = [(r["kind"], *(features(t, _MEMO) for t in golden_texts(r))) for r in records]
    grid = [
        KindOptions(**dict(zip(KIND_GRID, values, strict=True)))
        for values in itertools.product(*KIND_GRID.values())
    ]
    hits = [
        [classifier(left, right, options)[0].value == kind for kind, left, right in pairs]
        for options in grid
    ]
    order = list(range(len(pairs)))
    random.Random(SEED).shuffle(order)
    correct = 0
    for fold in range(folds):
        held = set(order[fold::folds])
        best = max(
            range(len(grid)),
            key=lambda g: sum(hit for k, hit in enumerate(hits[g]) if k not in held),
        )
        correct += sum(hits[best][k] for k in held)
    return {"folds": folds, "grid_size": len(grid), "accuracy": correct / len(pairs)}


# ----------------------------------------------------------------------------
# Synonyms from WordNet (``--wordnet DIR``): measured, not shipped.

# The weights at which a pair of WordNet relatives counts as a shared token
# in the synonym-aware score, as a share of the lighter one's weight: the
# grid the nested cross-validation chooses from.
SYNONYM_WEIGHTS = (0.25, 0.5, 0.75, 1.0)


def classify_with_synonyms(wordnet: WordNet) -> Classifier:
    """:func:`classify`, with a content word replaced by a WordNet relative
    (:func:`wordnet_reader.synonym_pairs`, anywhere in the sentence) as one
    more sign of replacement for ``skeleton-kept``: a pair read as
    ``reworded`` whose skeleton survived (so its shared words kept their
    order, and no content word was replaced in place) is a spin when one
    went for a synonym, hypernym or hyponym (rule ``synonyms-swapped``)."""

    def decide(
        left: Features, right: Features, options: KindOptions | None
    ) -> tuple[RewriteKind, Evidence]:
        kind, evidence = classify(left, right, options)
        least = (options or KindOptions()).spin_min_skeleton
        if (
            evidence.rule == "reworded"
            and evidence.skeleton >= least
            and synonym_pairs(left, right, wordnet)
        ):
            return RewriteKind.SPIN, attrs.evolve(evidence, rule="synonyms-swapped")
        return kind, evidence

    return decide


def synonym_dice(
    pairs: Sequence[tuple[str, str]], wordnet: WordNet, weights: Sequence[float]
) -> dict[float, list[float]]:
    """newsdiff's score (:func:`newsdiff_scores`) with each content word one
    side lost and a WordNet relative the other gained (:func:`synonym_pairs`)
    counted as shared at ``weight`` times the lighter of the two, for each
    weight: ``2 * (shared + weight * related) / (total_a + total_b)``."""
    described = {text: features(text, _MEMO) for pair in pairs for text in pair}
    weighted = by_rarity(described)
    scores: dict[float, list[float]] = {weight: [] for weight in weights}
    for left, right in pairs:
        f, g = weighted[left], weighted[right]
        related = sum(min(f.bag[a], g.bag[b]) for a, b in synonym_pairs(f, g, wordnet))
        plain = similarity(f, g)
        for weight in weights:
            scores[weight].append(plain + 2 * weight * related / (f.total + g.total))
    return scores


def run_wordnet(directory: str) -> dict[str, Any]:
    """Everything ``--wordnet`` reports: the table's load time (CPU) and
    size, golden kinds with :func:`classify_with_synonyms` (per kind, and
    5-fold cross-validated over ``KIND_GRID``), the synonym-aware score on
    MSRP (each weight, and the weight chosen inside each training fold) and
    STS-B news, and the cost per pair."""
    started = time.process_time()
    wordnet = WordNet.load(directory)
    load_seconds = time.process_time() - started
    tracemalloc.start()
    traced = WordNet.read(Path(directory))  # again, traced: tracing slows the timed load
    table_bytes, peak_bytes = tracemalloc.get_traced_memory()  # the table, the reading
    tracemalloc.stop()
    del traced
    result: dict[str, Any] = {
        "load_cpu_seconds": load_seconds,
        "table_mb": table_bytes / 1e6,
        "peak_mb": peak_bytes / 1e6,
        "lemmas": len(wordnet.lemmas),
    }
    decide = classify_with_synonyms(wordnet)
    result["kinds"] = run_kinds(decide)
    if result["kinds"] is not None:
        result["kinds"]["cross_validated"] = kinds_cross_validated(classifier=decide)
    msrp = read_msrp()
    labels = [label for label, _, _ in msrp]
    msrp_pairs = [(left, right) for _, left, right in msrp]
    candidates = synonym_dice(msrp_pairs, wordnet, (0.0, *SYNONYM_WEIGHTS))
    result["msrp"] = {
        str(weight): cross_validated(scores, labels)["cv_accuracy"]
        for weight, scores in candidates.items()
    }
    accuracy, chosen = nested_cross_validated(
        {weight: candidates[weight] for weight in SYNONYM_WEIGHTS}, labels
    )
    result["msrp_nested"] = {"accuracy": accuracy, "weight_on_all": chosen}
    sts = read_sts()
    gold = [score for score, _, _ in sts]
    result["sts"] = {
        str(weight): {"pearson": pearson(scores, gold), "spearman": spearman(scores, gold)}
        for weight, scores in synonym_dice(
            [(left, right) for _, left, right in sts], wordnet, (0.0, *SYNONYM_WEIGHTS)
        ).items()
    }
    # Cost per pair on MSRP (caches warm from the runs above, as in a long
    # run): the synonym search beside the score and the classifier it joins.
    described = [(features(a, _MEMO), features(b, _MEMO)) for a, b in msrp_pairs]
    costs = {}
    for name, step in (
        ("synonym_pairs", lambda f, g: synonym_pairs(f, g, wordnet)),
        ("similarity", similarity),
        ("classify", lambda f, g: classify(f, g)),
    ):
        started = time.process_time()
        for f, g in described:
            step(f, g)
        costs[name] = (time.process_time() - started) / len(described) * 1e6
    result["microseconds_per_pair"] = costs
    return result


# ----------------------------------------------------------------------------
# Report.


def _before_false(before: dict[str, Any] | None) -> str:
    try:
        count = before["pan"]["rows"][CATEGORIES[0]]["pairs_with_detections"]["newsdiff"]  # type: ignore[index]
    except (KeyError, TypeError):
        return ""
    return f" (before: {count})"


def markdown(result: dict[str, Any], before: dict[str, Any] | None) -> str:
    lines = [
        "# newsdiff on real data",
        "",
        f"`python benchmarks/bench_real.py`, Python {result['machine']['python']}, "
        f"{result['machine']['cpus']} CPUs, {result['machine']['date']}.",
        "",
        "| data | measure | word-Jaccard | 3-gram containment | newsdiff before | newsdiff "
        "| anchor |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    msrp = result["msrp"]
    cells = [
        f"{msrp[name]['cv_accuracy']:.3f}"
        for name in (
            "word-jaccard",
            "3-gram containment",
            "newsdiff before (weighted Dice)",
            "newsdiff",
        )
    ]
    lines.append(
        f"| MSRP train ({msrp['pairs']:,} pairs) | 10-fold CV accuracy | {' | '.join(cells)} | "
        f"{ANCHORS['msrp']} |"
    )
    sts = result["sts"]
    for measure in ("pearson", "spearman"):
        cells = [
            f"{sts[name][measure]:.3f}"
            for name in (
                "word-jaccard",
                "3-gram containment",
                "newsdiff before (weighted Dice)",
                "newsdiff",
            )
        ]
        lines.append(
            f"| STS-B train+dev main-news ({sts['pairs']:,} pairs) | {measure.title()} | "
            f"{' | '.join(cells)} | - |"
        )
    pan = result.get("pan")
    if pan is not None:
        sample = pan["sample_per_category"]
        what = "all pairs" if sample is None else f"{sample} pairs per category, spread evenly"
        for category, row in pan["rows"].items():
            if category == CATEGORIES[0]:
                continue  # no cases: plagdet says nothing; false passages below
            old = "-"
            if before and "pan" in before and category in before["pan"]["rows"]:
                old = f"{before['pan']['rows'][category]['newsdiff']['plagdet']:.3f}"
            anchor = REFERENCE.get(category)
            lines.append(
                f"| PAN13 train {category} ({what}) | plagdet | "
                f"{row['word-jaccard']['plagdet']:.3f} | - | {old} | "
                f"{row['newsdiff']['plagdet']:.3f} | "
                f"{'-' if anchor is None else f'Sanchez-Perez {anchor:.3f}'} |"
            )
        none = pan["rows"]["01-no-plagiarism"]
        lines += [
            "",
            f"PAN passages: `passages({pan['gap']}, {pan['min_chars']})` for both aligners "
            f"(for word-Jaccard with `summary_gap=0, rescue_score=2`: the summary reach "
            f"and the rescued seeds score sentences with newsdiff's score); "
            f"word-Jaccard links 1:1 at Jaccard >= {pan['jaccard_threshold']:.3f} (its best "
            f"MSRP train threshold). No-plagiarism pairs with a detection (false passages): "
            f"newsdiff {none['pairs_with_detections']['newsdiff']}{_before_false(before)}, "
            f"word-Jaccard "
            f"{none['pairs_with_detections']['word-jaccard']} of {none['pairs']}. Mean ms per pair "
            f"(all categories, reading and segmenting included): newsdiff "
            f"{pan['rows']['all']['newsdiff']['mean_ms_per_pair']:.1f}, word-Jaccard "
            f"{pan['rows']['all']['word-jaccard']['mean_ms_per_pair']:.1f}.",
        ]
    alternatives = result.get("alternatives")
    if alternatives is not None:
        lines += [
            "",
            "Alternatives weighed for the score, not the aligner's default "
            "(`run_alternatives`): the score by token kind alone (the default before "
            "rarity weights); newsdiff's score times exp(-rate * max(0, run - allowance)) "
            "for the longest run of words one sentence has and the other lacks "
            "(a shared function word neither breaks nor extends it; "
            f"rate {', '.join(map(str, RUN_RATES))} and allowance "
            f"{', '.join(map(str, RUN_ALLOWANCES))} chosen inside each MSRP training fold); "
            f"the logistic combination of {', '.join(COMBINED)}, fitted inside each MSRP "
            "training fold. On STS-B, the setting or weights fitted on all of MSRP train.",
            "",
            "| alternative | MSRP 10-fold CV accuracy | STS-B news Pearson | STS-B news Spearman "
            "| PAN13 train plagdet (all) | false passages |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, row in alternatives.items():
            plagdet, false = "-", "-"
            if pan is not None and name in pan["rows"]["all"]:
                plagdet = f"{pan['rows']['all'][name]['plagdet']:.3f}"
                false = str(pan["rows"][CATEGORIES[0]]["pairs_with_detections"][name])
            lines.append(
                f"| {name} | {row['msrp']:.3f} | {row['pearson']:.3f} | {row['spearman']:.3f} "
                f"| {plagdet} | {false} |"
            )
    kinds = result.get("kinds")
    if kinds is not None:
        lines += [
            "",
            f"Rewrite kinds, `tests/golden/rewrite_kinds.jsonl` ({kinds['pairs']} pairs): "
            f"accuracy {kinds['accuracy']:.3f} with the default thresholds (chosen on this "
            f"file); {kinds['cross_validated']['accuracy']:.3f} when "
            f"{kinds['cross_validated']['folds']}-fold cross-validation picks them from a grid "
            f"of {kinds['cross_validated']['grid_size']} on the other folds.",
            "",
            "| kind | pairs | accuracy before | accuracy | found as |",
            "|---|---:|---:|---:|---|",
        ]
        old_kinds = (before or {}).get("kinds") or {"per_kind": {}}
        for kind, row in kinds["per_kind"].items():
            found = ", ".join(f"{k} {v}" for k, v in sorted(row["found"].items()))
            was = old_kinds["per_kind"].get(kind)
            was_text = "-" if was is None else f"{was['accuracy']:.3f}"
            lines.append(
                f"| {kind} | {row['pairs']} | {was_text} | {row['accuracy']:.3f} | {found} |"
            )
        if old_kinds.get("accuracy") is not None:
            lines.append(
                f"| all | {kinds['pairs']} | {old_kinds['accuracy']:.3f} | "
                f"{kinds['accuracy']:.3f} | |"
            )
    if "wordnet" in result:
        lines += wordnet_markdown(result["wordnet"], kinds)
    if before is not None:
        lines += [
            "",
            f"`newsdiff before` on PAN: measured {before['machine']['date']} with the "
            "scorer before issue 10 (`benchmarks/results/real_before.json`).",
        ]
    lines.append("")
    return "\n".join(lines)


def wordnet_markdown(wordnet: dict[str, Any], kinds: dict[str, Any] | None) -> list[str]:
    """The ``--wordnet`` section of the report: figures without and with
    synonyms, measured in the same run."""
    lines = [
        "",
        f"Synonyms from WordNet (`--wordnet DIR`; measured, not shipped): the table "
        f"({wordnet['lemmas']:,} lemmas) loads in {wordnet['load_cpu_seconds']:.2f} s of CPU "
        f"and holds {wordnet['table_mb']:.0f} MB ({wordnet['peak_mb']:.0f} MB at the peak of "
        "reading).",
    ]
    with_synonyms = wordnet["kinds"]
    if kinds is not None and with_synonyms is not None:
        lines += [
            "",
            "| kind | pairs | accuracy | with synonyms |",
            "|---|---:|---:|---:|",
        ]
        for kind, row in kinds["per_kind"].items():
            lines.append(
                f"| {kind} | {row['pairs']} | {row['accuracy']:.3f} | "
                f"{with_synonyms['per_kind'][kind]['accuracy']:.3f} |"
            )
        lines += [
            f"| all | {kinds['pairs']} | {kinds['accuracy']:.3f} | "
            f"{with_synonyms['accuracy']:.3f} |",
            f"| all, {kinds['cross_validated']['folds']}-fold CV | {kinds['pairs']} | "
            f"{kinds['cross_validated']['accuracy']:.3f} | "
            f"{with_synonyms['cross_validated']['accuracy']:.3f} |",
        ]
    lines += [
        "",
        "| score | MSRP 10-fold CV accuracy | STS-B news Pearson | STS-B news Spearman |",
        "|---|---:|---:|---:|",
    ]
    for weight, accuracy in wordnet["msrp"].items():
        sts = wordnet["sts"][weight]
        name = "newsdiff" if float(weight) == 0 else f"related words shared at {weight}"
        lines.append(f"| {name} | {accuracy:.3f} | {sts['pearson']:.3f} | {sts['spearman']:.3f} |")
    nested = wordnet["msrp_nested"]
    costs = wordnet["microseconds_per_pair"]
    lines += [
        "",
        f"MSRP with the weight chosen inside each training fold: {nested['accuracy']:.3f} "
        f"(on all pairs: {nested['weight_on_all']}). CPU per MSRP pair: synonym search "
        f"{costs['synonym_pairs']:.1f} us, newsdiff's score {costs['similarity']:.1f} us, "
        f"classify {costs['classify']:.1f} us.",
    ]
    return lines


SWEEP = (0.3, 0.33, 0.35, 0.36, 0.38, 0.4, 0.42)
GROUP_SWEEP = (0.4, 0.45, 0.5, 0.55, 0.6)


def sweep(sample: int) -> None:
    """How the defaults were chosen: PAN train plagdet (all categories,
    ``sample`` pairs a category) and false passages for each candidate
    ``min_score``, with MSRP train accuracy when "linked" is read as
    "paraphrase"; then for each ``group_containment`` at the default
    ``min_score``."""
    rows = read_msrp()
    scores = newsdiff_scores([(left, right) for _, left, right in rows])

    def pan(options: nd.AlignOptions) -> tuple[float, int]:
        cases: list[Passage] = []
        detections: list[Passage] = []
        flagged = 0
        for category in CATEGORIES:
            outcome = run_category(category, sample, options)
            cases += outcome["cases"]
            detections += outcome["detections"]
            if category == CATEGORIES[0]:
                flagged = outcome["pairs_with_detections"]
        return evaluate(cases, detections).plagdet, flagged

    print("| min_score | PAN plagdet (all) | false passages | MSRP accuracy (linked) |")
    print("|---:|---:|---:|---:|")
    for min_score in SWEEP:
        plagdet, flagged = pan(nd.AlignOptions(min_score=min_score))
        accuracy = statistics.fmean(
            (score >= min_score) == bool(label)
            for score, (label, _, _) in zip(scores, rows, strict=True)
        )
        print(f"| {min_score:.2f} | {plagdet:.4f} | {flagged} | {accuracy:.3f} |", flush=True)
    print()
    print("| group_containment | PAN plagdet (all) | false passages |")
    print("|---:|---:|---:|")
    for containment in GROUP_SWEEP:
        plagdet, flagged = pan(nd.AlignOptions(group_containment=containment))
        print(f"| {containment:.2f} | {plagdet:.4f} | {flagged} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pan-sample", type=int, default=PAN_SAMPLE, help="pairs per PAN category; 0 = all"
    )
    parser.add_argument("--skip-pan", action="store_true")
    parser.add_argument(
        "--sweep",
        type=int,
        metavar="N",
        help="min_score and group_containment sweeps on N PAN pairs per category",
    )
    parser.add_argument(
        "--before", action="store_true", help="write the result as the 'before' record"
    )
    parser.add_argument(
        "--wordnet",
        metavar="DIR",
        help="also measure synonyms from the WordNet 3.0 dict directory DIR "
        "(results in real_wordnet.{json,md})",
    )
    args = parser.parse_args()
    if not SHARED_DATA.is_dir():
        print(f"skipped: shared data not found at {SHARED_DATA}", file=sys.stderr)
        return
    if args.sweep:
        sweep(args.sweep)
        return
    result: dict[str, Any] = {"machine": machine()}
    result["msrp"] = run_msrp()
    result["sts"] = run_sts()
    result["alternatives"] = run_alternatives()
    if not args.skip_pan:
        sample = args.pan_sample or None
        result["pan"] = run_pan(sample, result["msrp"]["word-jaccard"]["threshold_full_train"])
    result["kinds"] = run_kinds()
    if result["kinds"] is not None:
        result["kinds"]["cross_validated"] = kinds_cross_validated()
    if args.wordnet:
        try:
            result["wordnet"] = run_wordnet(args.wordnet)
        except InputError as error:
            parser.error(str(error))
    before = (
        json.loads(BEFORE.read_text(encoding="utf-8"))
        if BEFORE.exists() and not args.before
        else None
    )
    text = markdown(result, before)
    if args.before:
        BEFORE.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    else:
        write_results("real_wordnet" if args.wordnet else "real", result, text)
    print(text)


if __name__ == "__main__":
    main()
