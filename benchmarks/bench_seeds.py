"""Alignment accuracy on the seed articles against the team's gold links.

Reads ``tests/golden/seed_links.json`` (criteria inside) and scores
``newsdiff.align`` per pair: link precision and recall (a link counts when
its members on both sides equal a gold link's), and kind accuracy over the
links found.  Writes ``benchmarks/results/accuracy_seeds.{json,md}``.

Run: ``python benchmarks/bench_seeds.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import newsdiff as nd

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "golden" / "seed_links.json"
RESULTS = ROOT / "benchmarks" / "results"

Members = tuple[tuple[int, ...], tuple[int, ...]]


def _load(doc_id: str) -> nd.Document:
    return nd.Document.from_file(ROOT / "seeds" / f"{doc_id}.txt")


def score_pair(pair: dict[str, Any]) -> dict[str, Any]:
    """Precision, recall and kind accuracy of one gold pair."""
    gold = {(tuple(link["a"]), tuple(link["b"])): link["kind"] for link in pair["links"]}
    alignment = nd.align(_load(pair["a"]), _load(pair["b"]))
    predicted = {(link.a, link.b): link.kind.value for link in alignment.links}
    found = gold.keys() & predicted.keys()
    kinds_right = sum(gold[members] == predicted[members] for members in found)
    return {
        "pair": f"{pair['a'][:3]}/{pair['b'][:3]}",
        "gold": len(gold),
        "predicted": len(predicted),
        "correct": len(found),
        "precision": len(found) / len(predicted) if predicted else 1.0,
        "recall": len(found) / len(gold) if gold else 1.0,
        "kind_accuracy": kinds_right / len(found) if found else 0.0,
        "missed": [_describe(m, gold[m]) for m in sorted(gold.keys() - found)],
        "spurious": [_describe(m, predicted[m]) for m in sorted(predicted.keys() - found)],
        "wrong_kind": [
            f"{_describe(m, predicted[m])} (gold {gold[m]})"
            for m in sorted(found)
            if gold[m] != predicted[m]
        ],
    }


def _describe(members: Members, kind: str) -> str:
    return f"{list(members[0])}->{list(members[1])} {kind}"


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| pair (a/b) | gold | predicted | correct | precision | recall | kind accuracy |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['pair']} | {row['gold']} | {row['predicted']} | {row['correct']} | "
            f"{row['precision']:.2f} | {row['recall']:.2f} | {row['kind_accuracy']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    rows = [score_pair(pair) for pair in data["pairs"]]
    totals = {key: sum(row[key] for row in rows) for key in ("gold", "predicted", "correct")}
    right_kinds = sum(row["kind_accuracy"] * row["correct"] for row in rows)
    overall = {
        "pair": "all",
        **totals,
        "precision": totals["correct"] / totals["predicted"] if totals["predicted"] else 1.0,
        "recall": totals["correct"] / totals["gold"],
        "kind_accuracy": right_kinds / totals["correct"] if totals["correct"] else 0.0,
    }
    table = _table([*rows, overall])
    print(table)
    for row in rows:
        for label in ("missed", "spurious", "wrong_kind"):
            for item in row[label]:
                print(f"  {row['pair']} {label}: {item}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "accuracy_seeds.json").write_text(
        json.dumps({"newsdiff": nd.__version__, "pairs": rows, "overall": overall}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    (RESULTS / "accuracy_seeds.md").write_text(
        "Alignment of the AFP-family seeds against `tests/golden/seed_links.json`\n"
        "(`python benchmarks/bench_seeds.py`).\n\n" + table + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
