"""Thai text normalisation and tokenisation, applied the same way to queries and to content."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import regex
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie
from pythainlp.util import normalize as thai_normalize

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Thai vowels and tone marks are never legitimately doubled; consonants may be, even tripled across a word
# boundary (ถนน|นคร), so only runs of 4+ are typing stretch (สยามมมม).
_THAI_MARK_RUN = re.compile(r"([\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e])\1+")
_THAI_CONSONANT_RUN = re.compile(r"([\u0e01-\u0e2e])\1{3,}")
_LATIN_RUN = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"\s+")
_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space: tabs, newlines…
# Everything the Thai rules change inside one word (PyThaiNLP's reorder, repeat and dangling rules, our runs):
# a word with none of these comes out of _fold_thai as it went in, without running its ~30 expressions.
_MAY_CHANGE = re.compile(
    r"^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]"  # a mark with no consonant before it
    r"|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e39\u0e47\u0e4d]"  # tone mark or thanthakhat before an above/below vowel
    r"|\u0e4d[\u0e48-\u0e4b]*\u0e32|[\u0e30\u0e32\u0e33\u0e45][\u0e48-\u0e4b]|\u0e45"  # nikhahit+aa, vowel+tone, ๅ
    r"|([\u0e30-\u0e4e])\1|[\u0e48-\u0e4b]{2}|([\u0e01-\u0e2e])\2{3}|([a-z])\3{2}|\s|\u200b|\u200c")
_TRANSLATED = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0e50-\u0e59]")
# Vowels and marks that PyThaiNLP's normalize may join to the word before a space; a lead vowel (เ…ไ) only joins a
# word that ends in the same vowel (เ เ → เ).
_JOINS_LEFT = frozenset(map(chr, range(0x0E30, 0x0E4F)))
_LEAD_VOWELS = frozenset("เแโใไ")
_THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
_LATIN_CHAR = re.compile(r"[a-z]", re.IGNORECASE)
MAX_QUERY_CHARS = 300


def normalise(text: str, corrections: Mapping[str, str] | None = None) -> str:
    """Fold width, case, digits, zero-width and repeated characters; fix known misspellings.

    Thai vowels and tone marks are kept: only exact repeats of the same mark collapse.
    """
    text = _fold(text)
    if corrections:
        text = apply_corrections(text, corrections)
    return text


def _fold(text: str) -> str:
    # Width, case, digits and zero-width characters are cheap C calls on the whole text; the Thai rules (PyThaiNLP's
    # normalize runs ~27 regular expressions) are applied per space-separated word with a cache, because words
    # repeat across 100k venues (type words, districts) while whole names and addresses do not.
    text = unicodedata.normalize("NFC", text)
    if _TRANSLATED.search(text):  # translate() looks up every character: only when there is something to change
        text = text.translate(_ZERO_WIDTH).translate(_THAI_DIGITS)
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")  # two sara e typed for sara ae; nikhahit+aa
    if _OTHER_SPACE.search(text):
        return _fold_thai(text)
    words = text.split(" ")
    if len(words) == 1:
        return _fold_word(text)
    previous = ""
    for word in words:
        if word and word[0] in _JOINS_LEFT and (word[0] not in _LEAD_VOWELS or previous[-1:] == word[0]):
            return _fold_thai(text)  # PyThaiNLP joins this word to the one before (spaces before marks, ะ ะ → ะ)
        previous = word or previous
    return " ".join(folded for word in words if word and (folded := _fold_word(word)))


def _fold_word(word: str) -> str:
    return _fold_thai_word(word) if _MAY_CHANGE.search(word) else word


@lru_cache(maxsize=1 << 16)
def _fold_thai_word(word: str) -> str:
    return _fold_thai(word)


def _fold_thai(text: str) -> str:
    text = thai_normalize(text)
    text = _THAI_MARK_RUN.sub(r"\1", text)
    text = _THAI_CONSONANT_RUN.sub(r"\1", text)
    text = _LATIN_RUN.sub(r"\1\1", text)  # "schoooool" → "school"; English has real double letters
    return _SPACES.sub(" ", text).strip()


def _keep_if_prefix_of(right: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return match[0] if len(right) > len(match[0]) and match.string.startswith(right, match.start()) else right
    return replace


_ORDER: dict[int, tuple[Mapping[str, str], list[str], re.Pattern[str]]] = {}


def _longest_first(corrections: Mapping[str, str]) -> tuple[list[str], re.Pattern[str]]:
    # Sorted once per corrections table (one per content version), not once per normalised string; the joined
    # pattern finds in one pass whether any misspelling is there at all (almost never, in 100k names).
    known = _ORDER.get(id(corrections))
    if known is None or known[0] is not corrections or len(known[1]) != len(corrections):
        _ORDER.clear()
        order = sorted(corrections, key=len, reverse=True)
        known = _ORDER[id(corrections)] = (corrections, order, re.compile("|".join(map(re.escape, order))))
    return known[1], known[2]


def apply_corrections(text: str, corrections: Mapping[str, str]) -> str:
    """Replace misspelt words (longest first) by their correct form."""
    order, anywhere = _longest_first(corrections)
    if not anywhere.search(text):
        return text
    for wrong in order:
        if wrong not in text:
            continue
        right = corrections[wrong]
        # A misspelling may be a prefix of the right word (พิพิธภัณ → พิพิธภัณฑ์): leave correct text alone.
        text = re.sub(re.escape(wrong), _keep_if_prefix_of(right), text)
    return text


def compact(text: str) -> str:
    """Normalised text without spaces, so "ทีเค พาร์ค" and "ทีเคพาร์ค" compare equal."""
    return text.replace(" ", "")


def has_thai(text: str) -> bool:
    """True when the text contains any Thai character."""
    return bool(_THAI_CHAR.search(text))


def language_of(text: str) -> str:
    """'en' for Latin-only text with letters, else 'th' (the bot's default)."""
    return "en" if _LATIN_CHAR.search(text) and not has_thai(text) else "th"


def graphemes(text: str) -> int:
    """Length in grapheme clusters, as LINE counts labels (กี่ = 1)."""
    return len(regex.findall(r"\X", text))


def clip(text: str, limit: int) -> str:
    """Cut text to at most `limit` grapheme clusters at a word boundary (Thai words by newmm), ending with …."""
    if len(text) <= limit:  # a cluster holds at least one character: short labels need no counting
        return text
    clusters = regex.findall(r"\X", text)
    if len(clusters) <= limit:
        return text
    room = limit - 1
    cut, used = "", 0
    for word in word_tokenize(text, custom_dict=_base_trie(), engine="newmm", keep_whitespace=True):
        size = graphemes(word)
        if used + size > room:
            break
        cut, used = cut + word, used + size
    if len(cut.strip()) < room // 2:  # one very long word: cut inside it rather than show almost nothing
        cut = "".join(clusters[:room])
    return cut.rstrip() + "…"


class SortedWords(Trie):
    """PyThaiNLP's word list as a sorted list searched by bisection: the same prefixes() as its Trie.

    Building the 62 000-word Trie node by node cost ~0.8 s of CPU at every process start; sorting costs ~30 ms."""

    def __init__(self, words: Iterable[str]):
        super().__init__([])
        self.words = sorted({w.strip() for w in words} - {""})
        self._set = frozenset(self.words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Words that start at `start` in `text`, shortest first (as Trie.prefixes)."""
        found, words, end = [], self.words, len(self.words)
        for stop in range(start + 1, len(text) + 1):
            piece = text[start:stop]
            at = bisect_left(words, piece)
            if at == end or not words[at].startswith(piece):
                break
            if words[at] == piece:
                found.append(piece)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._set

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self):
        yield from self.words


@lru_cache(maxsize=1)
def _base_trie() -> Trie:
    return SortedWords(thai_words())


class UnionTrie(Trie):
    """PyThaiNLP's word trie (built once per process) joined with a small trie of our own words.

    Rebuilding the 62 000-word trie for every content version took a second per reload and per worker.
    """

    def __init__(self, base: Trie, extra: Trie):
        super().__init__([])
        self.base, self.extra = base, extra

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Words of either trie that start at `start` in `text`."""
        found = self.base.prefixes(text, start)
        return found + [w for w in self.extra.prefixes(text, start) if w not in found]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self.base or key in self.extra)

    def __len__(self) -> int:
        return len(self.base) + len(self.extra)

    def __iter__(self):
        yield from self.base
        yield from (w for w in self.extra if w not in self.base)


def build_dictionary(extra: Iterable[str]) -> Trie:
    """PyThaiNLP's word list plus our names, aliases and place words, as a newmm trie."""
    words: set[str] = set()
    for phrase in extra:
        if phrase:
            words.add(phrase)
            words.update(part for part in phrase.split(" ") if len(part) > 1)
    return UnionTrie(_base_trie(), SortedWords(words))


def tokenize(text: str, dictionary: Trie) -> list[str]:
    """Split normalised text into words with newmm and our dictionary (no whitespace tokens)."""
    return [t for t in word_tokenize(text, custom_dict=dictionary, engine="newmm", keep_whitespace=False)
            if t.strip()]
