"""WordNet 3.0 read from its database files: which words are synonyms.

For the synonym measurements of ``bench_real.py --wordnet DIR`` (issue 10,
sections 1 and 4), not part of newsdiff: they measured too small a gain to
ship (``docs/rewrite-kinds.md`` and ``docs/similarity.md`` have the
figures).  No WordNet data is in this repository; ``DIR`` is any WordNet 3.0
``dict`` directory, such as Debian's ``wordnet-base`` package installs
(``/usr/share/wordnet``).

The four ``data.*`` files (format in WordNet's ``wndb(5)``: synset offset,
lexicographer file number, synset type, word count in hex, each word with
its lex id, pointer count, pointers) give each lemma its synsets, and each
synset its hypernyms (``@``, ``@i``) and, for adjectives, the synsets it is
similar to (``&``).  The ``*.exc`` files give irregular forms (``fell`` ->
``fall``).  Two words are related (:meth:`WordNet.related`) when a synset
of one is a synset of the other, or is a direct hypernym, hyponym or
similar adjective of one: PAN's random obfuscation replaced words with
synonyms, hypernyms and hyponyms.  Loading takes about 0.7 s of CPU and
the table holds about 40 MB (measured by ``bench_real.py --wordnet``).
"""

from __future__ import annotations

from pathlib import Path

from newsdiff.errors import InputError
from newsdiff.similarity import Features
from newsdiff.text.tokenize import TokenKind

__all__ = ["WordNet", "synonym_pairs"]

# The database files, in the order that numbers their synsets' parts of
# speech (satellite adjectives, ``s``, share the adjective file).
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")
_POS_NUMBER = {"n": 0, "v": 1, "a": 2, "s": 2, "r": 3}
# Pointers kept: hypernym, instance hypernym, similar to.  Hyponyms are the
# hypernym pointers read backwards (see WordNet.related).
_LINKS = frozenset({"@", "@i", "&"})
# WordNet's own detachment rules (morphy(7WN)): suffix -> replacement, for
# nouns, verbs and adjectives together.  A word's base forms are those of
# its candidates that are lemmas.
_DETACHMENTS = (
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("est", ""),
    ("er", "e"),
    ("est", "e"),
)
# Suffixes after which a doubled consonant is undone ("stopped" -> "stop").
_DOUBLING = ("ed", "ing", "er", "est")


def _synset_id(offset: str, pos: str) -> int:
    """One int per synset: its byte offset in its file, and the file."""
    return int(offset) * 4 + _POS_NUMBER[pos]


class WordNet:
    """Lemma -> synsets and synset -> linked synsets of one WordNet
    directory, loaded once (:meth:`load` caches per path)."""

    def __init__(
        self,
        lemmas: dict[str, tuple[int, ...]],
        links: dict[int, tuple[int, ...]],
        exceptions: dict[str, tuple[str, ...]],
    ) -> None:
        self.lemmas = lemmas
        self.links = links
        self.exceptions = exceptions
        self._bases: dict[str, frozenset[str]] = {}
        self._reach: dict[str, tuple[frozenset[int], frozenset[int]]] = {}

    @classmethod
    def load(cls, directory: str | Path) -> WordNet:
        """The WordNet of ``directory`` (read on first use); InputError
        naming the directory and the file when one is missing or is not in
        WordNet's database format."""
        path = Path(directory).resolve()
        cached = _LOADED.get(path)
        if cached is None:
            cached = _LOADED[path] = cls.read(path)
        return cached

    @classmethod
    def read(cls, path: Path) -> WordNet:
        """Read the WordNet of ``path`` (uncached: :meth:`load` caches)."""
        if not path.is_dir():
            raise InputError(f"{path}: not a directory (point at a WordNet 3.0 dict directory)")
        lemmas: dict[str, list[int]] = {}
        links: dict[int, tuple[int, ...]] = {}
        for name in PARTS_OF_SPEECH:
            data = path / f"data.{name}"
            try:
                with data.open(encoding="latin-1") as lines:
                    for number, line in enumerate(lines, 1):
                        if line.startswith("  "):
                            continue  # the licence header
                        try:
                            _read_synset(line, lemmas, links)
                        except (IndexError, KeyError, ValueError) as error:
                            raise InputError(
                                f"{data}: line {number} is not a WordNet data line ({error})"
                            ) from None
            except OSError as error:
                raise InputError(f"{data}: cannot read it ({error.strerror})") from None
        if not lemmas:
            raise InputError(f"{path}: its data files hold no synsets")
        exceptions: dict[str, list[str]] = {}
        for name in PARTS_OF_SPEECH:
            listed = path / f"{name}.exc"
            if listed.exists():  # optional: the data files suffice
                for line in listed.read_text(encoding="latin-1").splitlines():
                    form, *bases = line.split()
                    exceptions.setdefault(form, []).extend(bases)
        return cls(
            {lemma: tuple(ids) for lemma, ids in lemmas.items()},
            links,
            {form: tuple(bases) for form, bases in exceptions.items()},
        )

    def bases(self, word: str) -> frozenset[str]:
        """The lemmas ``word`` may be a form of, itself included when it is
        one: irregular forms, then WordNet's detachment rules."""
        known = self._bases.get(word)
        if known is not None:
            return known
        lemmas = self.lemmas
        candidates = [word, *self.exceptions.get(word, ())]
        for suffix, replacement in _DETACHMENTS:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                candidates.append(word[: -len(suffix)] + replacement)
        for suffix in _DOUBLING:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])
        known = self._bases[word] = frozenset(form for form in candidates if form in lemmas)
        return known

    def synsets(self, word: str) -> frozenset[int]:
        """The synsets of every base form of ``word``."""
        return self._reached(word)[0]

    def _reached(self, word: str) -> tuple[frozenset[int], frozenset[int]]:
        """``word``'s synsets, and those with the synsets they link to
        (kept per word: a news vocabulary repeats)."""
        known = self._reach.get(word)
        if known is None:
            synsets = frozenset(synset for base in self.bases(word) for synset in self.lemmas[base])
            links = self.links
            reach = synsets.union(*(links.get(synset, ()) for synset in synsets))
            known = self._reach[word] = (synsets, reach)
        return known

    def related(self, left: str, right: str) -> bool:
        """Whether two different words (no base form in common, so not one
        word inflected) share a synset, or a synset of one is a direct
        hypernym, hyponym or similar adjective of a synset of the other."""
        left_bases, right_bases = self.bases(left), self.bases(right)
        if not left_bases or not right_bases or not left_bases.isdisjoint(right_bases):
            return False
        ours, our_reach = self._reached(left)
        theirs, their_reach = self._reached(right)
        # A synset in common, or one of either side's links lands on the
        # other's: a hyponym is its hypernym's link read backwards.
        return not our_reach.isdisjoint(theirs) or not their_reach.isdisjoint(ours)


# Each directory's WordNet, read once per process.
_LOADED: dict[Path, WordNet] = {}


def _read_synset(
    line: str, lemmas: dict[str, list[int]], links: dict[int, tuple[int, ...]]
) -> None:
    """Add one ``data.*`` line's words and kept pointers."""
    fields = line.split(" ")
    synset = _synset_id(fields[0], fields[2])
    count = int(fields[3], 16)
    for k in range(count):
        word = fields[4 + 2 * k].lower()
        marker = word.find("(")  # adjective position markers: "galore(ip)"
        lemmas.setdefault(word if marker < 0 else word[:marker], []).append(synset)
    start = 4 + 2 * count
    pointers = int(fields[start])
    kept = tuple(
        _synset_id(fields[start + 2 + 4 * k], fields[start + 3 + 4 * k])
        for k in range(pointers)
        if fields[start + 1 + 4 * k] in _LINKS
    )
    if kept:
        links[synset] = kept


def _replaced(mine: Features, theirs: Features) -> dict[str, str]:
    """Fold -> first norm of the content words of ``mine`` whose fold
    ``theirs`` lacks: the words that went."""
    present = set(theirs.folds)
    gone: dict[str, str] = {}
    content = TokenKind.CONTENT
    for norm, kind, form in zip(mine.norms, mine.kinds, mine.folds, strict=True):
        if kind is content and form not in present:
            gone.setdefault(form, norm)
    return gone


def synonym_pairs(left: Features, right: Features, wordnet: WordNet) -> list[tuple[str, str]]:
    """Content words one side lost paired with a WordNet relative
    (:meth:`WordNet.related`) the other side gained, anywhere in the
    sentence, each word used once, first come first paired: ``(left word,
    right word)`` by fold, as ``(folded form, folded form)``."""
    gained = _replaced(right, left)
    pairs: list[tuple[str, str]] = []
    for form, norm in _replaced(left, right).items():
        for other, other_norm in gained.items():
            if wordnet.related(norm, other_norm):
                pairs.append((form, other))
                del gained[other]
                break
    return pairs
