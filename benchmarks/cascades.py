"""Syndication cascades with ground-truth parents, grown from real news text.

A *cascade* is what a wire story becomes on the web: a wire article; 3-5
outlets that each copy it (tail trimmed, a paragraph dropped or moved, one
to three light edits of their own, site furniture, sometimes a paragraph of
their own reporting that is really taken from another article); and 2-5
second-generation copies of an outlet (verbatim with other furniture, a
further trim, or run through a synonym spinner).  Every document records the
document it was made from, so a provenance method can be scored.

Options vary the depth (generations below the wire), fan-out, identical
duplicates, and whether the wire itself is among the documents given.  When
it is left out, the outlets' true parent is :data:`UNSEEN` (an unseen
source: a latent node is the right answer).

*Stock pairs* are the opposite case: two unrelated short briefs (2-3
sentences of different articles) that share one stock sentence ("No
injuries were reported.").  Neither derives from the other.

Text comes from the 95 Guardian articles of OneStopEnglish
(``../shared/data/onestop-train/Adv-Txt``, read at run time, never copied
into the repository; see :func:`onestop_articles`).  Tests use
:func:`seed_articles` (the repository's ``seeds/``), so they run without the
shared data.  Everything is drawn from ``random.Random`` seeded by a string:
the same seed gives the same cascades on every machine and Python version.

The generator deliberately does not import newsdiff: ground truth must not
depend on the code it is used to measure.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
ONESTOP = HERE.parent.parent / "shared" / "data" / "onestop-train"

UNSEEN = "(unseen source)"  # true parent of the wire's children when the wire is left out


@dataclass(frozen=True)
class Article:
    """A real article: its name and its paragraphs."""

    name: str
    paragraphs: tuple[str, ...]


def read_paragraphs(path: Path) -> tuple[str, ...]:
    """Paragraphs of a text file: one a line (OneStop) or blank-line separated
    (seeds); the BOM, a leading ``date YYYY-MM-DD`` and blank lines dropped."""
    text = path.read_text(encoding="utf-8-sig")
    text = re.sub(r"^\s*date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*", "", text)
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def onestop_articles(level: str = "Adv", root: Path = ONESTOP) -> list[Article]:
    """The OneStop articles of one reading level (``Adv``, ``Int``, ``Ele``),
    by story name; empty when the shared data is absent."""
    folder = root / f"{level}-Txt"
    if not folder.is_dir():
        return []
    suffix = f"-{level.lower()}.txt"
    return [
        Article(path.name.removesuffix(suffix), read_paragraphs(path))
        for path in sorted(folder.glob("*.txt"))
    ]


def seed_articles() -> list[Article]:
    """The five seed articles of the repository (always present): tiny
    fixtures for tests."""
    return [Article(path.stem, read_paragraphs(path)) for path in sorted(SEEDS.glob("*.txt"))]


# Sentences, for briefs: a full stop, question or exclamation mark (maybe
# closed by a quote), a space, then what starts a sentence.  Good enough for
# edited prose; the generator must not rely on the segmenter it measures.
_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"']?\s+(?=[“‘\"'(]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(paragraph) if part.strip()]


# A spinner's thesaurus, written for Guardian prose: one synonym per word, as
# cheap article-rewriting tools use; inflected forms listed apart because such
# tools do not lemmatize.
SYNONYMS: dict[str, str] = dict(
    pair.split(":")
    for pair in """
    said:stated says:states big:large large:big small:little important:significant
    people:individuals company:firm companies:firms government:administration
    new:fresh show:demonstrate shows:demonstrates showed:demonstrated help:assist
    buy:purchase bought:purchased use:utilise used:utilised using:utilising
    increase:rise increased:rose many:numerous often:frequently world:globe
    country:nation countries:nations children:kids child:youngster problem:issue
    problems:issues money:cash rich:wealthy poor:impoverished start:begin
    started:began begin:commence need:require needs:requires needed:required
    believe:think believes:thinks found:discovered find:discover study:research
    research:study expert:specialist experts:specialists likely:probable
    however:nevertheless also:additionally because:since about:roughly around:about
    million:million-strong percent:per-cent job:position jobs:positions
    workers:employees worker:employee home:house homes:houses car:vehicle cars:vehicles
    city:town area:region areas:regions week:seven-day year:twelvemonth
    years:twelvemonths recent:latest recently:lately major:key main:principal
    announced:declared claimed:asserted warned:cautioned argued:contended
    suggested:proposed explained:clarified added:continued reported:documented
    allow:permit allowed:permitted stop:halt stopped:halted change:alter
    changes:alterations changed:altered difficult:hard easy:simple quickly:rapidly
    huge:enormous famous:renowned popular:well-liked global:worldwide public:community
    private:personal plan:scheme plans:schemes decision:ruling support:backing
    campaign:drive attack:assault attacks:assaults official:functionary
    officials:authorities minister:secretary police:law-enforcement
    investigation:probe increase:boost risk:danger risks:dangers
    """.split()
)

FUNCTION_WORDS = frozenset(
    """a an the and or but of to in on at by for with from as is was are were be been
    it its this that these those he she they we you i his her their our not no""".split()
)

# Words an outlet slips in, and where it may remove one: light edits that
# become the outlet's innovations, inherited by everything copied from it.
INSERTED_WORDS = ("also", "now", "reportedly", "still", "already", "indeed", "even", "just")

# Site furniture, by outlet: each outlet has a house style its copies carry.
FURNITURE_STYLES: tuple[tuple[str, ...], ...] = (
    ("READ MORE: {teaser}", "Sign up for our newsletter", "Advertisement"),
    ("Related: {teaser}", "Follow us on Twitter and Facebook", "Share this article"),
    ("SEE ALSO: {teaser}", "Subscribe to our daily briefing", "Click here to comment"),
    ("ALSO READ: {teaser}", "Sign up to our morning email", "Copyright 2026 Daily Ledger"),
    ("Read more: {teaser}", "Leave a comment", "Follow us on Instagram"),
    ("RELATED: {teaser}", "Advertisement", "Subscribe for unlimited access"),
    ("Read also: {teaser}", "Share this story", "Sign up for breaking news alerts"),
)

STOCK_SENTENCES = (
    "No injuries were reported.",
    "The investigation is continuing.",
    "Police said inquiries were ongoing.",
    "Anyone with information is asked to contact police.",
    "The cause of the fire is not yet known.",
    "A spokesperson declined to comment.",
    "Further details are expected later today.",
    "The company did not respond to a request for comment.",
    "An inquest will be held at a later date.",
    "More to follow.",
)


@dataclass(frozen=True)
class Line:
    """One paragraph of a generated document and what it is."""

    role: str  # "body" (from the wire), "own" (outlet's own reporting), "furniture"
    text: str


@dataclass(frozen=True)
class CascadeDoc:
    id: str
    lines: tuple[Line, ...]
    generation: int  # 0: the wire, 1: outlets, 2: their copies, ...
    operations: tuple[str, ...]  # what was done to the parent, for reading failures

    @property
    def text(self) -> str:
        return "\n\n".join(line.text for line in self.lines) + "\n"

    @property
    def body(self) -> str:
        """The text without site furniture: what a copy can inherit."""
        return "\n\n".join(line.text for line in self.lines if line.role != "furniture")


@dataclass(frozen=True)
class Cascade:
    """One cascade: every generated document and its true parent.

    ``tree`` holds the parent of every generated document (the wire's is
    ``None``), the wire included even when it is not given.
    """

    name: str
    article: str  # the OneStop story (or seed) it was grown from
    wire: str
    wire_given: bool
    documents: tuple[CascadeDoc, ...]  # all generated, wire first
    tree: dict[str, str | None] = field(hash=False)

    @property
    def given(self) -> tuple[CascadeDoc, ...]:
        """The documents a provenance method sees."""
        return tuple(doc for doc in self.documents if self.wire_given or doc.id != self.wire)

    def parent(self, doc_id: str) -> str | None:
        """True parent of a given document: a document id, ``None`` for the
        wire, :data:`UNSEEN` for the wire's children when it is left out."""
        parent = self.tree[doc_id]
        if parent == self.wire and not self.wire_given:
            return UNSEEN
        return parent

    def ancestors(self, doc_id: str) -> list[str]:
        """True ancestors, nearest first (the hidden wire as :data:`UNSEEN`)."""
        chain: list[str] = []
        parent = self.parent(doc_id)
        while parent is not None:
            chain.append(parent)
            parent = None if parent == UNSEEN else self.parent(parent)
        return chain


@dataclass(frozen=True)
class CascadeOptions:
    """How a cascade is grown.

    ``depth``: generations below the wire (1: outlets only).  ``outlets`` and
    ``copies``: inclusive ranges of the outlet count and of the copies in each
    later generation.  ``duplicates``: identical copies of random documents
    added.  ``wire_given``: whether the wire is among the given documents.
    ``own_paragraph``: chance an outlet adds a paragraph taken from another
    article.  ``max_paragraphs``: the wire is the article's first paragraphs
    (long articles make slow benchmarks without new situations).
    """

    depth: int = 2
    outlets: tuple[int, int] = (3, 5)
    copies: tuple[int, int] = (2, 5)
    duplicates: int = 0
    wire_given: bool = True
    own_paragraph: float = 0.4
    spin_rate: float = 0.6
    max_paragraphs: int = 14


def make_cascade(
    articles: Sequence[Article],
    index: int,
    seed: int = 0,
    options: CascadeOptions | None = None,
) -> Cascade:
    """Cascade number ``index`` of ``seed``: grown from article
    ``index % len(articles)``, the others lending teasers and own paragraphs."""
    if len(articles) < 2:
        raise ValueError("a cascade needs at least two articles (one lends own paragraphs)")
    if options is None:
        options = CascadeOptions()
    rng = random.Random(f"cascade-{seed}-{index}")
    article = articles[index % len(articles)]
    others = [other for other in articles if other.name != article.name] or list(articles)
    name = f"c{index:03d}"
    used: set[str] = set()

    def new_id() -> str:
        # Opaque ids: an id must not tell the method which document is the
        # wire, nor its generation (ties are broken by id in the library).
        while True:
            doc_id = f"{name}-{rng.getrandbits(32):08x}"
            if doc_id not in used:
                used.add(doc_id)
                return doc_id

    wire = CascadeDoc(
        new_id(),
        tuple(Line("body", text) for text in article.paragraphs[: options.max_paragraphs]),
        0,
        ("wire",),
    )
    documents = [wire]
    tree: dict[str, str | None] = {wire.id: None}
    styles = rng.sample(FURNITURE_STYLES, k=len(FURNITURE_STYLES))
    style_of: dict[str, tuple[str, ...]] = {}

    generation = [wire]
    for depth in range(1, options.depth + 1):
        low, high = options.outlets if depth == 1 else options.copies
        children: list[CascadeDoc] = []
        for _ in range(rng.randint(low, high)):
            style = styles[len(style_of) % len(styles)]
            if depth == 1:
                parent = wire
                lines, operations = _outlet_copy(rng, wire.lines, others, style)
                if rng.random() >= options.own_paragraph:
                    lines = tuple(line for line in lines if line.role != "own")
                    operations = tuple(op for op in operations if not op.startswith("own"))
            else:
                # Each copier picks its exemplar at random, so some outlets
                # have several children and some none.
                parent = rng.choice(generation)
                lines, operations = _later_copy(rng, parent.lines, style, options.spin_rate)
            doc = CascadeDoc(new_id(), lines, depth, operations)
            if doc.text == parent.text:  # a copy must differ unless it is a duplicate
                lines = (*lines, Line("furniture", style[-1]))
                doc = CascadeDoc(doc.id, lines, depth, operations)
            style_of[doc.id] = style
            tree[doc.id] = parent.id
            children.append(doc)
        documents.extend(children)
        generation = children

    for _ in range(options.duplicates):
        original = rng.choice(documents[1:])
        duplicate = CascadeDoc(new_id(), original.lines, original.generation + 1, ("duplicate",))
        tree[duplicate.id] = original.id
        documents.append(duplicate)

    return Cascade(name, article.name, wire.id, options.wire_given, tuple(documents), tree)


def _teaser(rng: random.Random, others: Sequence[Article]) -> str:
    """A link teaser: the first words of another article's lead."""
    words = rng.choice(others).paragraphs[0].split()[:8]
    return " ".join(words).rstrip(",;:–-") + "…"


def _furniture(rng: random.Random, style: tuple[str, ...], others: Sequence[Article]) -> list[str]:
    chosen = rng.sample(style, k=rng.randint(1, 2))
    return [line.format(teaser=_teaser(rng, others)) for line in chosen]


def _outlet_copy(
    rng: random.Random,
    wire: tuple[Line, ...],
    others: Sequence[Article],
    style: tuple[str, ...],
) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    """An outlet's copy of the wire: trim, drop or move, edits, own paragraph,
    furniture."""
    lines = list(wire)
    operations: list[str] = []
    if len(lines) > 3:
        keep = max(3, round(len(lines) * rng.uniform(0.55, 0.95)))
        if keep < len(lines):
            operations.append(f"trim {len(lines)}->{keep}")
            lines = lines[:keep]
    if len(lines) > 3:
        position = rng.randrange(1, len(lines))  # the lead stays: it is the story
        if rng.random() < 0.5:
            operations.append(f"drop paragraph {position}")
            del lines[position]
        else:
            moved = lines.pop(position)
            target = rng.randrange(1, len(lines) + 1)
            lines.insert(target, moved)
            operations.append(f"move paragraph {position}->{target}")
    for _ in range(rng.randint(1, 3)):
        lines, detail = _light_edit(rng, lines)
        operations.append(detail)
    # Own reporting: in fact a paragraph of another article (kept or removed
    # by the caller, so the random stream is the same either way).
    source = rng.choice(others)
    own = rng.choice(source.paragraphs[1:] or source.paragraphs)
    lines.insert(
        rng.randrange(2, len(lines) + 1) if len(lines) >= 2 else len(lines), Line("own", own)
    )
    operations.append(f"own paragraph from {source.name}")
    lines = _add_furniture(rng, lines, _furniture(rng, style, others))
    return tuple(lines), tuple(operations)


def _later_copy(
    rng: random.Random, parent: tuple[Line, ...], style: tuple[str, ...], spin_rate: float
) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    """A copy of a copy: the parent's text without its furniture, then
    verbatim, further trimmed or spun; the copier's own furniture around it."""
    lines = [line for line in parent if line.role != "furniture"]
    kind = rng.choice(("verbatim", "trim", "spin"))
    operations = [kind]
    if kind == "trim" and len(lines) > 2:
        keep = max(2, round(len(lines) * rng.uniform(0.5, 0.85)))
        operations[0] = f"trim {len(lines)}->{keep}"
        lines = lines[:keep]
    elif kind == "spin":
        lines = [Line(line.role, spin(rng, line.text, spin_rate)) for line in lines]
    furniture = [text.replace("{teaser}", "more on this story…") for text in style[:2]]
    return tuple(_add_furniture(rng, lines, furniture)), tuple(operations)


def _add_furniture(rng: random.Random, lines: list[Line], furniture: list[str]) -> list[Line]:
    """Furniture goes between paragraphs (after the lead) or at the end."""
    lines = list(lines)
    for text in furniture:
        position = rng.choice((len(lines), rng.randrange(1, len(lines) + 1) if lines else 0))
        lines.insert(position, Line("furniture", text))
    return lines


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _light_edit(rng: random.Random, lines: list[Line]) -> tuple[list[Line], str]:
    """One word inserted, removed or replaced in a body paragraph."""
    candidates = [i for i, line in enumerate(lines) if line.role == "body"]
    where = rng.choice(candidates)
    words = lines[where].text.split(" ")
    kind = rng.choice(("insert", "remove", "replace"))
    # Never the first word (sentence case) nor one ending a sentence.
    spots = [
        i
        for i in range(1, len(words))
        if _WORD.fullmatch(words[i]) and words[i].lower() not in FUNCTION_WORDS
    ]
    if kind == "insert" or not spots:
        spot = rng.randrange(1, len(words)) if len(words) > 1 else 1
        word = rng.choice(INSERTED_WORDS)
        words.insert(spot, word)
        detail = f"insert {word!r} in paragraph {where}"
    elif kind == "remove":
        spot = rng.choice(spots)
        detail = f"remove {words[spot]!r} in paragraph {where}"
        del words[spot]
    else:
        # A synonym when the paragraph has a word the table knows: outlets
        # reword, they do not write nonsense.
        known = [i for i in spots if words[i].lower() in SYNONYMS]
        spot = rng.choice(known or spots)
        old = words[spot]
        new = SYNONYMS.get(old.lower()) or rng.choice(("key", "major", "new", "latest"))
        words[spot] = _same_case(old, new)
        detail = f"replace {old!r} by {words[spot]!r} in paragraph {where}"
    edited = list(lines)
    edited[where] = Line(lines[where].role, " ".join(words))
    return edited, detail


def spin(rng: random.Random, text: str, rate: float) -> str:
    """Swap each word found in :data:`SYNONYMS` with probability ``rate``."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        synonym = SYNONYMS.get(word.lower())
        if synonym is None or rng.random() >= rate:
            return word
        return _same_case(word, synonym)

    return _WORD.sub(swap, text)


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def standard_options(index: int) -> CascadeOptions:
    """The benchmark's mix: every fifth cascade without its wire, every third
    with an identical duplicate, every fourth one generation deeper."""
    return CascadeOptions(
        wire_given=index % 5 != 4,
        duplicates=1 if index % 3 == 2 else 0,
        depth=3 if index % 4 == 3 else 2,
    )


def cascades(articles: Sequence[Article], count: int, seed: int = 0) -> list[Cascade]:
    """``count`` cascades of the standard mix, each from another article."""
    return [make_cascade(articles, i, seed, standard_options(i)) for i in range(count)]


@dataclass(frozen=True)
class StockPair:
    """Two unrelated briefs sharing one stock sentence."""

    a: str
    b: str
    text_a: str
    text_b: str
    stock: str


def stock_pairs(articles: Sequence[Article], count: int, seed: int = 0) -> list[StockPair]:
    """``count`` pairs of briefs from different articles: each 1-2 short
    sentences of its article's lead plus the shared stock sentence."""
    if len(articles) < 2:
        raise ValueError("stock pairs need at least two articles")
    rng = random.Random(f"stock-{seed}")
    pairs: list[StockPair] = []
    for number in range(count):
        first, second = rng.sample(list(articles), k=2)
        stock = STOCK_SENTENCES[number % len(STOCK_SENTENCES)]
        briefs = [_brief(rng, article, stock) for article in (first, second)]
        pairs.append(StockPair(f"s{number:03d}-a", f"s{number:03d}-b", briefs[0], briefs[1], stock))
    return pairs


def _brief(rng: random.Random, article: Article, stock: str) -> str:
    pool = [s for p in article.paragraphs[:4] for s in sentences(p) if _standalone(s)]
    if not pool:
        pool = [s for p in article.paragraphs for s in sentences(p)] or [article.paragraphs[0]]
    start = rng.randrange(len(pool))
    picked = pool[start : start + rng.randint(1, 2)]
    # The stock sentence closes the brief or sits after its first sentence,
    # as agency briefs place it.
    position = len(picked) if rng.random() < 0.7 else 1
    picked.insert(position, stock)
    return " ".join(picked) + "\n"


def _standalone(sentence: str) -> bool:
    """A sentence that can open a brief: short, capitalised, quotes closed."""
    return (
        5 <= len(sentence.split()) <= 40
        and sentence[:1].isupper()
        and sentence.rstrip("”’\"'")[-1:] in (".", "!", "?")  # not a headline
        and sentence.count("“") == sentence.count("”")
        and sentence.count('"') % 2 == 0
        and not sentence.startswith(("And ", "But ", "He ", "She ", "They ", "It "))
    )
