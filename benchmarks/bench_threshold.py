"""What the link threshold means at each document size, on real data.

``min_score`` (0.36) was chosen on PAN13 train, whose documents hold
hundreds of sentences, for rarity-weighted scores (``docs/similarity.md``).
Rarity says nothing in a pair of very short documents (every weight is 1
at three distinct sentences or fewer), so one may expect short documents to
need a higher threshold.  This benchmark asks the data, two ways, for each
size and each threshold of :data:`THRESHOLDS`:

* **STS-B news packed into documents.**  ``m`` human-scored sentence pairs
  of STS-B's news genres (train and dev), the left sentences as one
  document and the right ones, shuffled (so that no pair's neighbours
  vouch for it), as the other; ``align`` them.  A pair should link when its
  human score is at least :data:`STS_EQUIVALENT` ("roughly equivalent": the
  statement is the same, a detail may differ) and not link below it ("not
  equivalent, though they share details" or less).  Reported: the share of
  pairs decided right, with its standard error, and links between sentences
  of different pairs (different stories).  The same pairs are scored at
  every ``m``; only the documents around them grow.
* **PAN13 train windows.**  ``k`` consecutive sentences of each document
  of a PAN pair, around a plagiarism case on both sides (placed at random,
  each side on its own, so that the windows may hold sentences outside
  it); and, as negatives on one topic, the same suspicious window against a
  window of the same source document that overlaps no case, and windows of
  the no-plagiarism pairs placed anywhere.  Reported: link precision (a link
  is right when its sentences on both sides overlap one case; PAN gives no
  sentence-level correspondence, so a link between two sentences of one
  case counts as right) and recall (the window's suspicious sentences
  inside a case that got a right link).

Run: ``python benchmarks/bench_threshold.py [--sample N]`` (PAN pairs per
category, default 300).  Writes ``benchmarks/results/threshold.{json,md}``.
Skips cleanly when ``../shared/data`` is absent.  Fixed random seeds.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Sequence
from typing import Any

import newsdiff as nd
from _common import SHARED_DATA, machine, write_results
from bench_pan import CORPUS, gold_cases, sampled_pairs
from bench_real import read_sts

THRESHOLDS = (0.30, 0.33, 0.36, 0.40, 0.44, 0.48, 0.52, 0.56, 0.60)
# STS-B's scale: 3 is "roughly equivalent, some important information
# differs or is missing", 2 "not equivalent, but share some details".
STS_EQUIVALENT = 3.0
STS_SIZES = (1, 2, 4, 8, 16, 32)
# Pairs scored at every size (the first this many of a fixed shuffle that
# segment as one sentence a side).
STS_PAIRS = 3000
PAN_SIZES = (1, 2, 4, 8, 16)
PAN_CATEGORIES = (
    "01-no-plagiarism",
    "02-no-obfuscation",
    "03-random-obfuscation",
    "04-translation-obfuscation",
)


def _one_sentence(text: str) -> bool:
    return len(nd.Document.from_text(text).sentences) == 1


def run_sts() -> dict[str, Any]:
    """Per size ``m`` and threshold: share of STS-B pairs decided right, and
    links across pairs."""
    pairs = [
        (score, left, right)
        for score, left, right in read_sts()
        if left != right and _one_sentence(left) and _one_sentence(right)
    ]
    random.Random(0).shuffle(pairs)
    pairs = pairs[:STS_PAIRS]
    rows: dict[str, Any] = {}
    shuffle = random.Random(1)
    for size in STS_SIZES:
        right = dict.fromkeys(THRESHOLDS, 0)
        across = dict.fromkeys(THRESHOLDS, 0)
        counted = 0
        for first in range(0, len(pairs) - size + 1, size):
            chunk = pairs[first : first + size]
            order = list(range(size))
            shuffle.shuffle(order)  # pair k's right sentence is at place[k]
            place = {k: at for at, k in enumerate(order)}
            a = nd.Document.from_text("\n\n".join(left for _, left, _ in chunk), id="a")
            b = nd.Document.from_text("\n\n".join(chunk[k][2] for k in order), id="b")
            if len(a.sentences) != size or len(b.sentences) != size:
                continue  # joined sentences ran together
            counted += len(chunk)
            for threshold in THRESHOLDS:
                linked = {
                    (i, j)
                    for link in nd.align(a, b, min_score=threshold).links
                    for i in link.a
                    for j in link.b
                }
                right[threshold] += sum(
                    ((k, place[k]) in linked) == (score >= STS_EQUIVALENT)
                    for k, (score, _, _) in enumerate(chunk)
                )
                across[threshold] += sum(place[i] != j for i, j in linked)
        rows[str(size)] = {
            "pairs": counted,
            "accuracy": {str(t): right[t] / counted for t in THRESHOLDS},
            "standard_error": max(
                math.sqrt(right[t] / counted * (1 - right[t] / counted) / counted)
                for t in THRESHOLDS
            ),
            "links_across_pairs": {str(t): across[t] for t in THRESHOLDS},
        }
    return {
        "pairs": len(pairs),
        "equivalent": sum(score >= STS_EQUIVALENT for score, _, _ in pairs),
        "sizes": rows,
    }


def _window(
    document: nd.Document, case: tuple[int, int] | None, size: int, rng: random.Random
) -> tuple[int, int] | None:
    """Character range of ``size`` consecutive sentences of ``document``,
    overlapping ``case`` (placed at random) or anywhere when it is None."""
    sentences = document.sentences
    if not sentences:
        return None
    if case is None:
        first = rng.randrange(max(1, len(sentences) - size + 1))
    else:
        inside = [s.index for s in sentences if s.start < case[1] and s.end > case[0]]
        if not inside:
            return None
        low = max(0, inside[0] - size + 1)
        high = max(low, min(inside[-1], len(sentences) - size))
        first = rng.randint(low, high)
    chosen = sentences[first : first + size]
    return chosen[0].start, chosen[-1].end


def _overlaps(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and end > span[0]


def _outside(
    document: nd.Document, cases: list[tuple[int, int]], size: int, rng: random.Random
) -> tuple[int, int] | None:
    """Character range of ``size`` consecutive sentences of ``document``
    that overlap none of ``cases`` (a few random tries), or None."""
    sentences = document.sentences
    for _ in range(20):
        first = rng.randrange(max(1, len(sentences) - size + 1))
        chosen = sentences[first : first + size]
        if chosen and not any(_overlaps(chosen[0].start, chosen[-1].end, case) for case in cases):
            return chosen[0].start, chosen[-1].end
    return None


def _score_window(
    suspicious: nd.Document,
    source: nd.Document,
    windows: tuple[tuple[int, int], tuple[int, int]],
    cases: list[tuple[tuple[int, int], tuple[int, int]]],
    rows: dict[float, list[int]],
) -> None:
    """Add a window pair's right and wrong links, case sentences and case
    sentences found, at each threshold, to ``rows``."""
    (susp_start, susp_end), (src_start, src_end) = windows
    a = nd.Document.from_text(suspicious.text[susp_start:susp_end], id="a")
    b = nd.Document.from_text(source.text[src_start:src_end], id="b")
    # Each sentence's span in the whole document's text.
    spans_a = [(s.start + susp_start, s.end + susp_start) for s in a.sentences]
    spans_b = [(s.start + src_start, s.end + src_start) for s in b.sentences]
    sources = [other for _, other in cases]
    in_case = {
        i
        for i, span in enumerate(spans_a)
        if any(_overlaps(*span, this) for this, _ in cases)
        and any(_overlaps(*other_span, other) for other_span in spans_b for other in sources)
    }
    for threshold in THRESHOLDS:
        row = rows[threshold]
        found: set[int] = set()
        for link in nd.align(a, b, min_score=threshold).links:
            right = any(
                _overlaps(*spans_a[i], this) and _overlaps(*spans_b[j], other)
                for i in link.a
                for j in link.b
                for this, other in cases
            )
            row[0 if right else 1] += 1
            if right:
                found.update(link.a)
        row[2] += len(in_case)
        row[3] += len(found & in_case)


def run_pan(sample: int) -> dict[str, Any]:
    """Per window size and threshold: link precision and recall on PAN13
    train windows."""
    rng = random.Random(7)
    # size -> threshold -> [right links, wrong links, case sentences, found]
    counts = {size: {t: [0, 0, 0, 0] for t in THRESHOLDS} for size in PAN_SIZES}
    for category in PAN_CATEGORIES:
        for susp, src in sampled_pairs(category, sample):
            cases = [
                ((case.susp_start, case.susp_end), (case.src_start, case.src_end))
                for case in gold_cases(category, susp, src)
            ]
            suspicious = nd.Document.from_file(CORPUS / "susp" / susp, id="susp")
            source = nd.Document.from_file(CORPUS / "src" / src, id="src")
            for size in PAN_SIZES:
                case = rng.choice(cases) if cases else None
                in_susp = _window(suspicious, case[0] if case else None, size, rng)
                in_src = _window(source, case[1] if case else None, size, rng)
                if in_susp is None or in_src is None:
                    continue
                _score_window(suspicious, source, (in_susp, in_src), cases, counts[size])
                if case is None:
                    continue
                # The same suspicious window against text of the same source
                # that holds no case: one topic, other statements.
                elsewhere = _outside(source, [other for _, other in cases], size, rng)
                if elsewhere is not None:
                    _score_window(suspicious, source, (in_susp, elsewhere), cases, counts[size])
    rows: dict[str, Any] = {}
    for size, by_threshold in counts.items():
        rows[str(size)] = {}
        for threshold, (right, wrong, gold, found) in by_threshold.items():
            precision = right / (right + wrong) if right + wrong else 1.0
            recall = found / gold if gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            rows[str(size)][str(threshold)] = {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "wrong_links": wrong,
            }
    return {"pairs_per_category": sample, "sizes": rows}


def _best(values: dict[str, float]) -> str:
    """The threshold with the highest value; the higher threshold on a tie."""
    return max(values, key=lambda t: (round(values[t], 6), float(t)))


def markdown(result: dict[str, Any]) -> str:
    header = " | ".join(f"{t:.2f}" for t in THRESHOLDS)
    rule = "|".join("---:" for _ in THRESHOLDS)
    sts = result["sts"]
    lines = [
        "# The link threshold by document size",
        "",
        f"Measured {result['machine']['date']} with `python benchmarks/bench_threshold.py`; "
        "the library's `min_score` is 0.36.",
        "",
        f"## STS-B news packed into documents of m sentences a side ({sts['pairs']} pairs, "
        f"{sts['equivalent']} scored >= {STS_EQUIVALENT:g})",
        "",
        "Share of pairs decided right (linked exactly when the human score is at least "
        f"{STS_EQUIVALENT:g}; the right side's sentences shuffled); in brackets, links "
        "between sentences of different pairs; s.e., the largest standard error of a cell "
        "of the row.",
        "",
        f"| m | {header} | best | s.e. |",
        f"|---:|{rule}|---:|---:|",
    ]
    for size, row in sts["sizes"].items():
        cells = " | ".join(
            f"{row['accuracy'][str(t)]:.3f} ({row['links_across_pairs'][str(t)]})"
            for t in THRESHOLDS
        )
        lines.append(
            f"| {size} | {cells} | {_best(row['accuracy'])} | {row['standard_error']:.3f} |"
        )
    pan = result.get("pan")
    if pan is not None:
        lines += [
            "",
            f"## PAN13 train windows of k sentences a side ({pan['pairs_per_category']} pairs "
            f"per category of {', '.join(PAN_CATEGORIES)})",
            "",
            "Link F1; in brackets, precision and wrong links (on case windows, on windows "
            "of the same source that hold no case, and on no-plagiarism pairs).",
            "",
            f"| k | {header} | best |",
            f"|---:|{rule}|---:|",
        ]
        for size, row in pan["sizes"].items():
            cells = " | ".join(
                f"{row[str(t)]['f1']:.3f} ({row[str(t)]['precision']:.2f}, "
                f"{row[str(t)]['wrong_links']})"
                for t in THRESHOLDS
            )
            best = _best({t: cell["f1"] for t, cell in row.items()})
            lines.append(f"| {size} | {cells} | {best} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=300, help="PAN pairs per category")
    parser.add_argument("--skip-pan", action="store_true")
    args = parser.parse_args(argv)
    if not SHARED_DATA.is_dir():
        print(f"skipped: shared data not found at {SHARED_DATA}", file=sys.stderr)
        return
    result: dict[str, Any] = {"machine": machine(), "sts": run_sts()}
    if not args.skip_pan:
        result["pan"] = run_pan(args.sample)
    text = markdown(result)
    print(text)
    write_results("threshold", result, text)


if __name__ == "__main__":
    main()
