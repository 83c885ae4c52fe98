"""The aligner's two sides of a pair of documents, built as ``align`` builds
them: body sentences, features weighed by rarity among both sides' sentences.
Tests of the candidate search and the assignment use it, so that they check
the weights the aligner really scores with."""

from __future__ import annotations

import newsdiff as nd
from newsdiff._features import FeatureTable
from newsdiff.aligner import _rarity_weighted, _Side


def body_sides(a: nd.Document, b: nd.Document) -> tuple[_Side, _Side]:
    body_a = [s for s in a.sentences if s.role is nd.Role.BODY]
    body_b = [s for s in b.sentences if s.role is nd.Role.BODY]
    table = FeatureTable()
    weighted = _rarity_weighted([(body_a, body_b)], table)
    return _Side(a, body_a, table.memo, weighted), _Side(b, body_b, table.memo, weighted)
