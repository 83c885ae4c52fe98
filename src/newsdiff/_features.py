"""The feature table of one run: each distinct sentence text described once.

A run over N documents (``collate``, ``provenance``, the report) meets the
same sentences again and again: a copy's sentences are mostly its source's,
and every pair of documents touches both documents' sentences.  One
:class:`FeatureTable` per run is handed to every pair, so
:func:`newsdiff.similarity.features` runs once per distinct text, and its
token memo (:func:`~newsdiff.text.tokenize.describe_token` per surface) is
shared too.  Private: the public functions create one when none is given.
"""

from __future__ import annotations

from newsdiff.banality import informativeness
from newsdiff.similarity import Features, features
from newsdiff.text.tokenize import TokenInfo

__all__ = ["FeatureTable"]


class FeatureTable:
    """Features by sentence text, and the token memo behind them.

    ``by_text`` and ``memo`` are plain dicts on purpose: the aligner's inner
    loops read them directly (see ``newsdiff.aligner._Side``).  Memory grows
    with the distinct sentence texts of the run, which is what the run holds
    anyway.
    """

    __slots__ = ("by_text", "memo", "weights")

    def __init__(self) -> None:
        self.by_text: dict[str, Features] = {}
        self.memo: dict[str, TokenInfo] = {}
        self.weights: dict[str, float] = {}

    def get(self, text: str) -> Features:
        """The features of ``text``, computed on first use."""
        feature = self.by_text.get(text)
        if feature is None:
            feature = self.by_text[text] = features(text, self.memo)
        return feature

    def weight(self, text: str) -> float:
        """How informative ``text`` is as evidence of copying
        (:func:`newsdiff.banality.informativeness`), computed on first use:
        every pair's reuse evidence and the copy tree weigh the same
        sentences."""
        weight = self.weights.get(text)
        if weight is None:
            weight = self.weights[text] = informativeness(self.get(text))
        return weight

    def __len__(self) -> int:
        return len(self.by_text)
