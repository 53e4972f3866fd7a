"""Person-name normalisation and comparison: case, accents, DICOM PN, particles, double and swapped names."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler

PARTICLES = frozenset(
    {
        "van", "von", "vom", "vander", "vanden", "vande", "der", "den", "de", "del", "della", "di", "da",
        "das", "dos", "do", "du", "des", "d", "l", "la", "le", "les", "lo", "ten", "ter", "te", "t",
        "het", "op", "in", "aan", "st", "saint", "sainte", "sint",
    }
)
"""Family-name particles of Belgian, French, Dutch, Italian and Portuguese names."""

MARRIAGE_WORDS = frozenset(
    {"epouse", "ep", "epse", "ve", "veuve", "vve", "wed", "weduwe", "echtg", "echtgenote", "geb", "nee",
     "geboren", "born", "divorcee", "gesch"}
)
"""Words that join a married and a maiden name ("Dupont épouse Martin", "Peeters echtg. Janssens")."""

GENERATION_WORDS = frozenset({"jr", "junior", "sr", "senior", "fils", "pere", "ii", "iii"})
_SEPARATORS = re.compile(r"[^a-z\-]+")
_FOLD_TABLE = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "\u0131": "i"})


def fold(text: str) -> str:
    """Lower case without accents or apostrophes: 'D'Hondt-Müller' -> 'dhondt-muller'."""
    lowered = text.casefold().translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("'", "").replace("\u2019", "").replace("`", "")


def split_pn(value: str) -> tuple[str, str, str]:
    """Family, given (given + middle names) and suffix of a DICOM PN value (first component group only)."""
    alphabetic = value.split("=", 1)[0]
    parts = [*alphabetic.split("^"), "", "", "", "", ""]
    given = " ".join(p.strip() for p in (parts[1], parts[2]) if p.strip())
    return parts[0].strip(), given, parts[4].strip()


@dataclass(frozen=True, slots=True)
class FamilyName:
    """A normalised family name: its parts (a double name has several) with and without particles."""

    spaced: str
    full: str
    core: str
    parts_core: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GivenName:
    """Normalised given names: all of them, the first one, and each single word."""

    full: str
    first: str
    tokens: tuple[str, ...]


@lru_cache(maxsize=200_000)
def normalise_family(text: str) -> FamilyName:
    """Normalise a family name; hyphens and marriage words separate the parts of a double name."""
    words = [w for w in _SEPARATORS.sub(" ", fold(text).replace("-", " - ")).split() if w]
    words = [w for w in words if w not in GENERATION_WORDS]
    parts: list[list[str]] = [[]]
    for word in words:
        if word == "-" or word in MARRIAGE_WORDS:
            parts.append([])
        else:
            parts[-1].append(word.strip("-"))
    groups = [[w for w in part if w] for part in parts]
    groups = [g for g in groups if g]
    parts_core = tuple(
        "".join(w for w in g if w not in PARTICLES) or "".join(g) for g in groups
    )
    tokens = [w for g in groups for w in g]
    core = "".join(parts_core)
    return FamilyName(spaced=" ".join(tokens), full="".join(tokens), core=core, parts_core=parts_core)


@lru_cache(maxsize=200_000)
def normalise_given(text: str) -> GivenName:
    """Normalise given names: 'Jean-Pierre Marie' -> first 'jeanpierre', tokens jean, pierre, marie."""
    words = [w for w in _SEPARATORS.sub(" ", fold(text)).split() if w.strip("-")]
    words = [w.strip("-") for w in words if w.strip("-") not in GENERATION_WORDS]
    first = words[0].replace("-", "") if words else ""
    tokens = tuple(t for w in words for t in w.split("-") if t)
    return GivenName(full="".join(tokens), first=first, tokens=tokens)


@dataclass(frozen=True, slots=True)
class PersonName:
    """Family and given names of one person, normalised, plus the PN generation suffix if any."""

    family: FamilyName
    given: GivenName
    suffix: str = ""


def person_name(family_name: str, given_name: str) -> PersonName:
    """Normalise a name given as two fields; a PN value ('Family^Given^Middle') in the family field is split."""
    suffix = ""
    if "^" in family_name or "=" in family_name:
        family_name, pn_given, suffix = split_pn(family_name)
        given_name = " ".join(x for x in (pn_given, given_name) if x)
    return PersonName(normalise_family(family_name), normalise_given(given_name), fold(suffix).strip("."))


def unswapped(name: PersonName) -> PersonName:
    """The name read the other way round: the sent given names as the family name and vice versa."""
    return PersonName(normalise_family(" ".join(name.given.tokens)), normalise_given(name.family.spaced), name.suffix)


TYPO_MIN_LENGTH = 5
"""Shorter given names one letter apart are often two names (Anna/Hanna, Lena/Lina, Noa/Noah)."""


def given_typo(a: GivenName, b: GivenName) -> bool:
    """The first given names are one typing error apart (one letter replaced, added or dropped, or two
    adjacent letters swapped), begin with the same letter, and both have at least `TYPO_MIN_LENGTH` letters."""
    return (min(len(a.first), len(b.first)) >= TYPO_MIN_LENGTH and a.first[0] == b.first[0]
            and OSA.distance(a.first, b.first) == 1)


class NameMatch(enum.StrEnum):
    IDENTICAL = "identical"
    SPELLING = "spelling"
    PARTICLE = "particle"
    PART = "part"
    FIRST = "first"
    ONE_OF = "one_of"
    INITIAL = "initial"
    SIMILAR = "similar"
    WEAK = "weak"
    DIFFERENT = "different"
    ABSENT = "absent"


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity in 0..1 (0 when either side is empty)."""
    return float(JaroWinkler.normalized_similarity(a, b)) if a and b else 0.0


def _fuzzy(similarity: float) -> tuple[NameMatch, float]:
    if similarity >= 0.9:
        return NameMatch.SIMILAR, similarity * 0.95
    if similarity >= 0.84:
        return NameMatch.WEAK, similarity * 0.8
    return NameMatch.DIFFERENT, 0.0


def compare_family(a: FamilyName, b: FamilyName) -> tuple[NameMatch, float]:
    """How alike two family names are, as a kind of match and a similarity in 0..1."""
    if not a.full or not b.full:
        return NameMatch.ABSENT, 0.0
    if a.spaced == b.spaced:
        return NameMatch.IDENTICAL, 1.0
    if a.full == b.full:
        return NameMatch.SPELLING, 0.98
    if a.core and a.core == b.core:
        return NameMatch.PARTICLE, 0.95
    if (len(a.parts_core) > 1 or len(b.parts_core) > 1) and set(a.parts_core) & set(b.parts_core):
        return NameMatch.PART, 0.85
    return _fuzzy(max(jaro_winkler(a.full, b.full), jaro_winkler(a.core, b.core)))


def compare_given(a: GivenName, b: GivenName) -> tuple[NameMatch, float]:
    """How alike two sets of given names are, as a kind of match and a similarity in 0..1."""
    if not a.full or not b.full:
        return NameMatch.ABSENT, 0.0
    if a.full == b.full:
        return NameMatch.IDENTICAL, 1.0
    if a.first == b.first:
        return NameMatch.FIRST, 0.95
    shorter, longer = sorted((a.tokens, b.tokens), key=len)
    if set(a.tokens) & set(b.tokens) and len(shorter) < len(longer):
        return NameMatch.ONE_OF, 0.85
    if len(a.first) == 1 or len(b.first) == 1:
        if a.first[0] == b.first[0]:
            return NameMatch.INITIAL, 0.6
        return NameMatch.DIFFERENT, 0.0
    return _fuzzy(max(jaro_winkler(a.first, b.first), jaro_winkler(a.full, b.full)))


_PHONETIC_SUBS = (("sch", "s"), ("ph", "f"), ("ck", "k"), ("dt", "t"), ("th", "t"), ("ae", "a"),
                  ("ij", "i"), ("c", "k"), ("q", "k"), ("z", "s"), ("y", "i"), ("w", "v"), ("x", "ks"))
_CODES = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("gjks", "2"), **dict.fromkeys("dt", "3"),
          "l": "4", **dict.fromkeys("mn", "5"), "r": "6"}


@lru_cache(maxsize=200_000)
def phonetic_key(word: str) -> str:
    """A Soundex-like key tuned for Dutch and French spellings ('Claes' and 'Klaas' share one)."""
    text = "".join(ch for ch in word if "a" <= ch <= "z")
    if not text:
        return ""
    for old, new in _PHONETIC_SUBS:
        text = text.replace(old, new)
    key, last = text[0], _CODES.get(text[0], "")
    for ch in text[1:]:
        code = _CODES.get(ch, "")
        if code and code != last:
            key += code
        if ch != "h":
            last = code
    return key[:4]
