"""Hypothesis strategies shared by the tests: short news-like texts drawn
from the seeds' vocabulary, so that random documents share names, numbers
and quotes the way copies of one story do."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = (
    "the a of in on and to was said attack drone home minister iraq green zone police "
    "Kadhemi Sadr Baghdad 2,500 70 May calm restraint patience tensions election seats"
).split()
sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
    lambda words: " ".join(words).capitalize() + "."
)
texts = st.lists(st.lists(sentences, min_size=1, max_size=3), min_size=0, max_size=4).map(
    lambda paras: "\n\n".join(" ".join(p) for p in paras)
)
