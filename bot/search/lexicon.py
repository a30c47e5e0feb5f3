"""The Lexicon: every phrase the parser recognises (places, types, topics, intents) and the newmm dictionary."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pythainlp.util import Trie

from bot.catalog.models import Catalog
from bot.search.name_text import NameText
from bot.search.thai import build_dictionary, compact, normalise

# Phrase kinds, in the order a clash between two meanings of the same phrase is resolved.
KINDS = ("province", "district", "region", "type", "topic", "audience", "tour", "nearby",
         "greeting", "thanks", "help", "filler", "near_me", "time", "follow_up", "more", "nearest", "ask",
         "off_topic", "negation", "town")
PLACE_KINDS = frozenset({"province", "district", "region"})
# Kinds that say how or when, never what: their words are left out of the text matched against names.
NOT_NAME_KINDS = frozenset({"near_me", "time", "follow_up", "more", "nearest", "ask", "off_topic", "negation",
                            "nearby", "greeting", "thanks", "help"})


@dataclass
class Lexicon:
    """Phrase table keyed by compact normalised text → list of (kind, value)."""

    corrections: dict[str, str]
    phrases: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    abbreviations: dict[str, str] = field(default_factory=dict)
    fuzzy_places: dict[str, str] = field(default_factory=dict)
    dictionary: Trie | None = None
    max_phrase_len: int = 0
    names: NameText = field(default_factory=lambda: NameText(""))  # our names, aliases and topics, indexed
    needs_evidence: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    prefers: tuple[tuple[str, str], ...] = ()

    def add(self, phrase: str, kind: str, value: str) -> None:
        """Register a phrase meaning (kind, value)."""
        key = compact(normalise(phrase, self.corrections))
        if key and (kind, value) not in self.phrases[key]:
            self.phrases[key].append((kind, value))
            self.max_phrase_len = max(self.max_phrase_len, len(key))


def build_lexicon(catalog: Catalog, forms: dict[str, str] | None = None) -> Lexicon:
    """Collect place, keyword and intent phrases from the catalog and build the tokenizer dictionary.

    `forms` receives each catalog name, alias and topic normalised (with corrections), for the index to reuse."""
    kw, places = catalog.keywords, catalog.places
    corrections = {normalise(k): normalise(v) for k, v in kw.misspellings.items()}
    lex = Lexicon(corrections=corrections)
    for province in places.provinces:
        for name in (province.name_th, province.name_en, *province.aliases):
            lex.add(name, "province", province.name_th)
        for abbr in province.abbreviations:
            key = normalise(abbr).rstrip(".")
            if len(key) <= 2:
                lex.abbreviations[key] = province.name_th
            else:
                lex.add(key, "province", province.name_th)
        for name in (province.name_th, *province.aliases):
            if len(compact(normalise(name))) >= 4:
                lex.fuzzy_places[compact(normalise(name))] = province.name_th
    for district in places.districts:
        # "เมืองX" districts share names with their provinces' towns; the province already covers them.
        if not district.name_th.startswith("เมือง") or district.aliases:
            lex.add(district.name_th, "district", f"{district.province_th}/{district.name_th}")
        for alias in district.aliases:
            lex.add(alias, "district", f"{district.province_th}/{district.name_th}")
    for key, region in places.regions.items():
        for name in (region.name_th, region.name_en, *region.aliases):
            lex.add(name, "region", key)
    for vtype, words in kw.types.items():
        for word in words:
            lex.add(word, "type", vtype)
    for topic, words in kw.topics.items():
        for word in (topic, *words):
            lex.add(word, "topic", topic)
    for audience, words in kw.audiences.items():
        for word in (audience, *words):
            lex.add(word, "audience", audience)
    for kind, words in (("tour", kw.tour_words), ("nearby", kw.nearby_words), ("greeting", kw.greetings),
                        ("thanks", kw.thanks), ("help", kw.help_words), ("filler", kw.filler_words),
                        ("near_me", kw.near_me_words), ("nearby", kw.near_me_words), ("time", kw.time_words),
                        ("follow_up", kw.follow_up_words), ("more", kw.more_words),
                        ("nearest", kw.nearest_words), ("negation", kw.negation_words), ("town", kw.town_words)):
        for word in words:
            lex.add(word, kind, kind)
    for fact, words in kw.ask_words.items():
        for word in words:
            lex.add(word, "ask", fact)
    forms = {} if forms is None else forms
    words = _catalog_words(catalog)
    for word in words:
        if word not in forms:  # topics repeat in every venue; each name once
            forms[word] = normalise(word, corrections)
    names = [forms[w] for w in words]
    lex.names = NameText(compact(n) for n in names)
    for word in kw.off_topic_words:
        lex.add(word, "off_topic", "off_topic")
    lex.needs_evidence = frozenset(compact(normalise(w, corrections)) for w in kw.place_needs_evidence)
    lex.evidence = frozenset(compact(normalise(w, corrections)) for w in kw.place_evidence)
    lex.prefers = tuple((compact(normalise(p["when"], corrections)), compact(normalise(p["prefer"], corrections)))
                        for p in kw.name_prefers if p.get("when") and p.get("prefer"))
    # Words that only say how or when (ask, time, off-topic…) must not split our names: อากาศ stays in กองทัพอากาศ.
    hides = set(KINDS[:11])
    meaningful = {k for k, kinds in lex.phrases.items() if len(k) >= 3 and any(kind in hides for kind, _ in kinds)}
    lex.dictionary = build_dictionary(list(lex.phrases) + _name_words(names, meaningful, lex.max_phrase_len))
    return lex


def _name_words(names: list[str], phrases: set[str], longest: int) -> list[str]:
    """Words of our names and aliases for the tokenizer, leaving out compounds that hide a known phrase.

    "หอดูดาวโคราช" as one dictionary word would hide the type หอดูดาว and the place โคราช inside it.
    """
    words = set()
    seen: set[str] = set()
    for name in names:
        for word in name.split(" "):
            if len(word) > 1 and word not in seen:
                seen.add(word)
                if not _hides_phrase(word, phrases, longest):
                    words.add(word)
    return sorted(words)


def _hides_phrase(word: str, phrases: set[str], longest: int) -> bool:
    """True when a known phrase (3+ characters, at most `longest`) sits strictly inside `word`."""
    n = len(word)
    return any(word[i:j] in phrases for i in range(n) for j in range(i + 3, min(n, i + longest) + 1) if j - i < n)


def _catalog_words(catalog: Catalog) -> list[str]:
    words: list[str] = []
    for venue in catalog.venues.values():
        words += [venue.name_th, *(venue.aliases), *(venue.topics)]
        if venue.name_en:
            words.append(venue.name_en)
    for tour in catalog.tours.values():
        words += [tour.name_th, *tour.themes]
    return words
