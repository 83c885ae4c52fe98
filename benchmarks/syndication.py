"""Synthetic syndication: wire copies derived from a story, with ground truth.

A *story* is a list of paragraphs of sentences.  :func:`derive_copy` makes
the copy an outlet would publish: it keeps, edits, spins, splits, merges or
drops each sentence, moves paragraphs, adds site furniture and sentences of
unrelated stories, and records which source sentences every copy sentence
came from and by which operation.  Everything is drawn from one
``random.Random(seed)``: the same seed gives the same copy.

Two sources of stories:

* :func:`seed_stories` - the body sentences of the five seed articles (real
  news prose) for the accuracy benchmark;
* :func:`synthetic_story` - pseudo-words with news-like token statistics
  (function words, Zipf-distributed content words, names, numbers) for
  speed runs of any size.

Ground truth is kept as character spans, not sentence indices, so that the
benchmark can score the segmenter's sentences whatever their boundaries.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import newsdiff as nd
from newsdiff.text.lexicon import FUNCTION_WORDS

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"

Story = list[list[str]]  # paragraphs of sentences

# Operation -> the rewrite kind a correct aligner reports for it.
EXPECTED_KIND = {
    "copy": "copy",
    "edit": "edit",
    "spin": "spin",
    "split": "edit",
    "merge": "edit",
}

# Share of source sentences given each operation (the rest are dropped).
DEFAULT_MIX = {
    "copy": 0.30,
    "edit": 0.20,
    "spin": 0.22,
    "split": 0.08,
    "merge": 0.08,
    "drop": 0.12,
}

# A spinner's thesaurus, written for news prose: one synonym per word, as
# cheap rewriting bots use.  Inflected forms are listed separately because
# such bots do not lemmatize either.
NEWS_SYNONYMS: dict[str, str] = dict(
    pair.split(":")
    for pair in """
    attack:assault attacks:assaults attacked:assaulted said:stated says:states
    killed:slain wounded:injured injured:hurt official:functionary officials:authorities
    government:administration minister:secretary ministers:secretaries
    president:leader leaders:chiefs country:nation countries:nations
    capital:metropolis city:town residence:home house:home building:structure
    security:safety forces:troops force:power military:army soldiers:troops
    police:law-enforcement investigation:probe inquiry:probe
    tensions:strains tension:strain restraint:patience calm:composure critic:foe
    critics:opponents supporters:backers support:backing protest:demonstration
    protests:demonstrations protesters:demonstrators violence:bloodshed clashes:skirmishes
    election:vote elections:polls results:outcomes result:outcome parliament:legislature
    party:faction parties:factions coalition:alliance groups:factions group:faction
    leader:chief spokesman:representative statement:declaration announced:declared
    condemned:denounced denounced:condemned warned:cautioned urged:called
    claimed:asserted confirmed:verified reported:documented described:characterized
    blamed:faulted accused:charged rejected:dismissed demanded:insisted
    drone:UAV drones:UAVs explosives:explosive-devices explosive:bomb rocket:missile
    rockets:missiles weapons:arms weapon:arm target:objective targeted:aimed
    attempt:bid attempted:tried assassination:killing murder:killing
    early:initial late:belated recent:current major:significant huge:massive
    large:big small:little serious:grave strong:powerful powerful:mighty
    important:crucial key:vital main:principal fresh:new new:novel
    heavily:strongly widely:broadly quickly:rapidly immediately:instantly
    people:individuals person:individual man:male woman:female children:kids
    area:zone region:area district:quarter border:frontier neighbourhood:vicinity
    neighborhood:vicinity street:road streets:roads headquarters:base
    crisis:emergency threat:danger threats:dangers risk:hazard fears:worries
    fear:worry hope:expectation hopes:expectations plan:scheme plans:schemes
    deal:agreement agreement:accord talks:negotiations meeting:gathering
    economy:market economic:financial prices:costs price:cost rise:increase
    rose:climbed fell:dropped increase:rise decline:drop growth:expansion
    company:firm companies:firms business:enterprise workers:employees
    market:marketplace markets:marketplaces bank:lender banks:lenders
    began:started begin:start ended:finished end:finish continue:proceed
    continued:proceeded help:assist helped:assisted need:require needed:required
    show:demonstrate showed:demonstrated shows:demonstrates seen:viewed
    told:informed tell:inform asked:requested ask:request called:named
    make:create made:created take:seize took:seized gave:provided give:provide
    went:proceeded came:arrived come:arrive left:departed leave:depart
    heightened:increased raised:elevated led:resulted lead:guide
    unhurt:unharmed safe:secure dead:deceased death:demise deaths:fatalities
    rally:gathering rallies:gatherings vote:ballot votes:ballots voters:electors
    win:victory won:secured lost:forfeited loss:defeat victory:triumph
    fraud:deception allegations:claims allegation:claim evidence:proof
    court:tribunal judge:justice law:legislation laws:legislation rules:regulations
    response:reply answer:response question:query questions:queries
    situation:circumstances state:condition conditions:circumstances
    """.split()
)

# Site furniture an outlet adds around a syndicated story.
FURNITURE_LINES = (
    "READ ALSO: {headline}",
    "Related: {headline}",
    "LEAVE A REPLY",
    "Please enter your comment!",
    "Please enter your name here",
    "Advertisement",
    "Sign up for our daily newsletter.",
    "Follow us on Twitter and Facebook.",
)

_CLAUSE = re.compile(r"^(?P<first>[^,;]{25,}), (?P<second>[^,;]{25,})\.$")
_SPLITTABLE = re.compile(r"^(?P<first>.{30,}?)(?:, and |; |, but |, while )(?P<second>.{25,})$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_INSERTS = ("also", "reportedly", "earlier", "again", "still", "now", "on Sunday", "officially")


@dataclass(frozen=True)
class GoldLink:
    """Source sentences ``a`` became copy sentences ``b`` by ``operation``.
    Both are character spans ``(start, end)`` in their text."""

    a: tuple[tuple[int, int], ...]
    b: tuple[tuple[int, int], ...]
    operation: str

    @property
    def kind(self) -> str:
        return EXPECTED_KIND[self.operation]


@dataclass
class Pair:
    """A source text, a copy, and the gold links between them."""

    source: str
    copy: str
    links: list[GoldLink] = field(default_factory=list)


# ----------------------------------------------------------------------------
# Stories


def seed_stories() -> list[Story]:
    """The body paragraphs of each seed article, sentences of at least five
    words, as segmented by newsdiff."""
    stories = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = nd.Document.from_file(path)
        paragraphs: dict[int, list[str]] = {}
        for sentence in doc.sentences:
            if sentence.role is nd.Role.BODY and len(sentence.text.split()) >= 5:
                paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
        stories.append(list(paragraphs.values()))
    return stories


def unrelated_sentences() -> list[str]:
    """Sentences of other news stories (written by the team), one per line."""
    text = (HERE / "data" / "unrelated.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


class PseudoLanguage:
    """Pseudo-words with news-like statistics, for stories of any size.

    Content words follow a Zipf law over a large vocabulary, names are
    capitalized pseudo-words, and real English function words supply the
    skeleton, so candidate generation sees realistic posting-list sizes.
    """

    def __init__(self, seed: int = 0, vocabulary: int = 40_000, names: int = 6_000) -> None:
        rng = random.Random(seed)
        syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["st", "tr", "an"]
        words: set[str] = set()
        while len(words) < vocabulary + names:
            words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
        ordered = sorted(words)
        rng.shuffle(ordered)
        self.content = ordered[:vocabulary]
        self.names = [w.capitalize() for w in ordered[vocabulary:]]
        self.function = sorted(w for w in FUNCTION_WORDS if "'" not in w and w != "i")
        self.content_weights = list(accumulate(1.0 / (rank + 1) for rank in range(vocabulary)))
        self.name_weights = list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(names)))
        # One synonym per content word, as a spinner's table would have.
        shuffled = self.content[:]
        rng.shuffle(shuffled)
        self.synonyms = dict(zip(self.content, shuffled, strict=True))

    def sentence(self, rng: random.Random) -> str:
        # Opens with a word and closes with a content word, so that no
        # sentence ends in "a." or starts with a number (both are real
        # segmentation puzzles, but not what this generator measures).
        words = [rng.choices(self.content, cum_weights=self.content_weights)[0]]
        for _ in range(rng.randint(8, 32)):
            draw = rng.random()
            if draw < 0.45:
                words.append(rng.choice(self.function))
            elif draw < 0.85:
                words.append(rng.choices(self.content, cum_weights=self.content_weights)[0])
            elif draw < 0.96:
                words.append(rng.choices(self.names, cum_weights=self.name_weights)[0])
            else:
                words.append(str(rng.randint(2, 2_000)))
        words.append(rng.choices(self.content, cum_weights=self.content_weights)[0])
        if rng.random() < 0.3:
            joint = rng.randint(5, len(words) - 3)
            words[joint - 1] += ","
            words.insert(joint, "and")
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def story(self, sentences: int, seed: int) -> Story:
        """A story of ``sentences`` sentences in paragraphs of one to three;
        the lead paragraph has two, as a one-sentence lead of a few words
        reads as a headline."""
        rng = random.Random(seed)
        story: Story = []
        while sum(map(len, story)) < sentences:
            size = 2 if not story else rng.choice((1, 1, 2, 2, 3))
            size = min(size, sentences - sum(map(len, story)))
            story.append([self.sentence(rng) for _ in range(size)])
        return story


# ----------------------------------------------------------------------------
# Sentence operations.  Each returns None when it does not apply.


def _case_like(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def spin(
    sentence: str, synonyms: Mapping[str, str], rng: random.Random, keep: float = 0.15
) -> str | None:
    """Swap content words for their synonyms (each the table has, except a
    share ``keep`` left alone) and sometimes flip two clauses; None when
    fewer than two words swap."""
    swapped = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal swapped
        word = match.group()
        synonym = synonyms.get(word.lower())
        if synonym is None or synonym.lower() == word.lower() or rng.random() < keep:
            return word
        swapped += 1
        return _case_like(word, synonym)

    spun = _WORD.sub(swap, sentence)
    if swapped < 2:
        return None
    flipped = _CLAUSE.match(spun)
    if flipped and rng.random() < 0.4:
        first, second = flipped["first"], flipped["second"]
        if not first.split()[0][1:].islower() or first.split()[0].isupper():
            return spun  # the sentence opens with a name: keep its capital
        spun = f"{second[0].upper()}{second[1:]}, {first[0].lower()}{first[1:]}."
    return spun


def edit(sentence: str, rng: random.Random) -> str | None:
    """One or two light editorial changes: a word inserted or deleted, a
    name respelled."""
    words = sentence.split(" ")
    if len(words) < 6:
        return None
    for _ in range(rng.randint(1, 2)):
        change = rng.choice(("insert", "delete", "respell"))
        inner = rng.randint(1, len(words) - 2)
        if change == "insert":
            words.insert(inner, rng.choice(_INSERTS))
        elif change == "delete" and len(words) > 6:
            del words[inner]
        else:
            names = [i for i, w in enumerate(words) if w[:1].isupper() and len(w) >= 5 and i]
            if not names:
                words.insert(inner, rng.choice(_INSERTS))
                continue
            i = rng.choice(names)
            vowels = [k for k, ch in enumerate(words[i]) if ch in "aeiou"]
            if not vowels:
                continue
            k = rng.choice(vowels)
            replacement = rng.choice([v for v in "aeiou" if v != words[i][k]])
            words[i] = words[i][:k] + replacement + words[i][k + 1 :]
    edited = " ".join(words)
    return edited if nd.normalize(edited) != nd.normalize(sentence) else None


def split(sentence: str) -> tuple[str, str] | None:
    """Cut a sentence at a clause joint into two sentences."""
    match = _SPLITTABLE.match(sentence)
    if not match:
        return None
    first, second = match["first"].rstrip(), match["second"]
    return first + ".", second[0].upper() + second[1:]


def merge(first: str, second: str) -> str | None:
    """Join two sentences with ", and" (the second loses its capital unless
    it opens with a name)."""
    if not first.endswith(".") or len(first) < 20 or len(second) < 20:
        return None
    opener = second.split(" ", 1)[0]
    if opener in {"I", "The", "A", "An", "He", "She", "It", "They", "We", "This", "That"}:
        second = second[0].lower() + second[1:]
    return f"{first[:-1]}, and {second}"


def retype(sentence: str, rng: random.Random) -> str:
    """Change typography only (quotes, apostrophes): still a copy."""
    if rng.random() < 0.5:
        return sentence
    return sentence.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")


# ----------------------------------------------------------------------------
# Copies


def derive_copy(
    story: Story,
    seed: int,
    *,
    synonyms: Mapping[str, str] = NEWS_SYNONYMS,
    keep: float = 0.15,
    mix: Mapping[str, float] = DEFAULT_MIX,
    unrelated: Sequence[str] = (),
    moves: int = 2,
    furniture: int = 2,
) -> Pair:
    """The copy an outlet publishes of ``story``, with the gold links.

    Each sentence gets an operation drawn from ``mix``; when it does not
    apply (nothing to spin, no clause joint to split at) the sentence is
    copied instead, so the gold records what was actually done.
    """
    rng = random.Random(seed)
    operations = list(mix)
    weights = [mix[name] for name in operations]
    # (source paragraph, source sentence ids) -> copy sentences, per paragraph.
    out_paragraphs: list[list[tuple[list[str], list[tuple[int, int]], str]]] = []
    for p, paragraph in enumerate(story):
        out: list[tuple[list[str], list[tuple[int, int]], str]] = []
        s = 0
        while s < len(paragraph):
            sentence = paragraph[s]
            operation = rng.choices(operations, weights)[0]
            made: list[str] | None = None
            sources = [(p, s)]
            if operation == "drop":
                s += 1
                continue
            if operation == "spin":
                spun = spin(sentence, synonyms, rng, keep)
                made = [spun] if spun else None
            elif operation == "edit":
                edited = edit(sentence, rng)
                made = [edited] if edited else None
            elif operation == "split":
                halves = split(sentence)
                made = list(halves) if halves else None
            elif operation == "merge" and s + 1 < len(paragraph):
                merged = merge(sentence, paragraph[s + 1])
                if merged:
                    made = [merged]
                    sources.append((p, s + 1))
            if made is None:
                operation, made = "copy", [retype(sentence, rng)]
            out.append((made, sources, operation))
            s += len(sources)
        out_paragraphs.append(out)

    # The lead stays first (outlets keep the lede; a short paragraph moved
    # to the top would also read as a headline).
    order = list(range(len(out_paragraphs)))
    for _ in range(moves if len(order) > 2 else 0):
        moved = order.pop(rng.randrange(1, len(order)))
        order.insert(rng.randrange(1, len(order) + 1), moved)

    # Unrelated sentences and furniture go in as paragraphs of their own.
    extra: list[tuple[int, str]] = []
    for sentence in rng.sample(list(unrelated), min(len(unrelated), rng.randint(1, 3))):
        extra.append((rng.randrange(1, len(order) + 1), sentence))
    headline = rng.choice(unrelated).rstrip(".") if unrelated else "More news from the region"
    for _ in range(furniture):
        line = rng.choice(FURNITURE_LINES).format(headline=headline)
        extra.append((rng.randrange(1, len(order) + 1), line))

    source_text, source_spans = _layout(story)
    copy_parts: list[str] = []
    links: list[GoldLink] = []
    cursor = 0

    def emit(text: str) -> tuple[int, int]:
        nonlocal cursor
        if copy_parts:
            copy_parts.append("\n\n")
            cursor += 2
        copy_parts.append(text)
        span = (cursor, cursor + len(text))
        cursor += len(text)
        return span

    extras = sorted(extra, key=lambda item: item[0])
    for position, p in enumerate(order):
        for _, text in [item for item in extras if item[0] == position]:
            emit(text)
        units = out_paragraphs[p]
        if not units:
            continue
        spans = []
        paragraph_text = " ".join(sentence for made, _, _ in units for sentence in made)
        begin = emit(paragraph_text)[0]
        offset = begin
        for made, _, _ in units:
            group = []
            for sentence in made:
                group.append((offset, offset + len(sentence)))
                offset += len(sentence) + 1
            spans.append(group)
        for (_, sources, operation), group in zip(units, spans, strict=True):
            a = tuple(source_spans[source] for source in sources)
            links.append(GoldLink(a, tuple(group), operation))
    for _, text in [item for item in extras if item[0] >= len(order)]:
        emit(text)
    return Pair(source_text, "".join(copy_parts), links)


def _layout(story: Story) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """The text of a story (paragraphs apart by a blank line) and the span of
    each ``(paragraph, sentence)``."""
    parts: list[str] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    cursor = 0
    for p, paragraph in enumerate(story):
        if parts:
            parts.append("\n\n")
            cursor += 2
        for s, sentence in enumerate(paragraph):
            if s:
                parts.append(" ")
                cursor += 1
            spans[(p, s)] = (cursor, cursor + len(sentence))
            parts.append(sentence)
            cursor += len(sentence)
    return "".join(parts), spans
