"""parse(text, lexicon) -> Query: what a citizen asked for, from short, messy Thai or English."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from bot.search.lexicon import NOT_NAME_KINDS, PLACE_KINDS, Lexicon
from bot.search.thai import MAX_QUERY_CHARS, compact, language_of, normalise, tokenize

INTENTS = ("find", "greeting", "help", "thanks", "out_of_scope")
_LETTER = re.compile(r"[a-z\u0e01-\u0e2e]")
_FUZZY_MIN_LEN = 4
_FUZZY_MIN_SCORE = 86
_INSIDE = {"ใน", "ภายใน", "inside"}


@dataclass(frozen=True)
class Query:
    """The parsed question: intent, filters, and the words left for name matching."""

    text: str
    intent: str
    lang: str
    provinces: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    venue_types: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    wants_tour: bool = False
    nearby: bool = False
    words: tuple[str, ...] = ()
    core: str = ""
    phrases: tuple[str, ...] = ()
    near_me: bool = False  # "ใกล้ฉัน": only a shared location answers it
    follow_up: bool = False  # "แล้ว…ล่ะ": keep the facets of the current search that this message leaves out
    more: bool = False  # "ขออีก", "ดูเพิ่มเติม"
    nearest: bool = False  # "อันไหนใกล้สุด"
    asks: tuple[str, ...] = ()  # facts asked about a venue: hours, phone, website, fee, directions
    off_topic: bool = False  # weather, hotels, jobs, news…: not a search even when a place is named
    exclude_types: tuple[str, ...] = ()  # "ที่ไม่ใช่พิพิธภัณฑ์"
    timed: bool = False  # a day or time word was typed ("วันจันทร์", "พรุ่งนี้", "now")
    full: str = ""  # the text without time, question and chat words, fillers kept (for whole-name matches)
    inside_types: tuple[str, ...] = ()  # "ห้องสมุดในพิพิธภัณฑ์…": the type of the place it is inside

    @property
    def has_filters(self) -> bool:
        """True when the query names a place, type, topic, audience or asks for tours/nearby."""
        return bool(self.provinces or self.regions or self.venue_types or self.topics or self.audience
                    or self.wants_tour or self.nearby or self.exclude_types)


@dataclass
class _Found:
    kinds: dict[str, list[str]] = field(default_factory=dict)
    covered: set[int] = field(default_factory=set)
    keys: list[str] = field(default_factory=list)
    dropped: set[int] = field(default_factory=set)

    def add(self, kind: str, value: str) -> None:
        values = self.kinds.setdefault(kind, [])
        if value not in values:
            values.append(value)


def parse(text: str, lexicon: Lexicon) -> Query:
    """Parse one message into a Query (pure; no I/O)."""
    raw = text[: MAX_QUERY_CHARS * 4]
    norm = normalise(raw, lexicon.corrections)[:MAX_QUERY_CHARS]
    lang = language_of(norm)
    if not _LETTER.search(norm):
        return Query(text=norm, intent="out_of_scope", lang=lang)
    assert lexicon.dictionary is not None, "a built lexicon has its dictionary"
    tokens = tokenize(norm, lexicon.dictionary)
    spans = _token_spans(norm, tokens)
    found = _Found()
    _match_phrases(norm, spans, lexicon, found)
    abbreviations = _match_abbreviations(norm, lexicon, found)
    leftover = [tok for i, (tok, _, _) in enumerate(spans)
                if i not in found.covered and tok.rstrip(".") not in abbreviations]
    _match_fuzzy_places(leftover, lexicon, found)
    words = tuple(w for w in leftover if _LETTER.search(w) and w not in found.kinds.get("_fuzzy", []))
    core = compact(" ".join(tok for i, (tok, _, _) in enumerate(spans)
                            if i not in found.dropped and not (i in found.covered and _is_filler(tok, lexicon))))
    full = compact(" ".join(tok for i, (tok, _, _) in enumerate(spans) if i not in found.dropped))
    provinces = list(found.kinds.get("province", []))
    districts = list(found.kinds.get("district", []))
    if "town" in found.kinds:  # "ในตัวเมืองเชียงใหม่": the เมือง district of each province named
        districts += [f"{p}/เมือง{p}" for p in provinces if f"{p}/เมือง{p}" not in districts]
    for district in districts:
        province = district.split("/", 1)[0]
        if province not in provinces:
            provinces.append(province)
    query = Query(
        text=norm, intent="find", lang=lang, provinces=tuple(provinces),
        districts=tuple(d.split("/", 1)[1] for d in districts), regions=tuple(found.kinds.get("region", [])),
        venue_types=tuple(found.kinds.get("type", [])), topics=tuple(found.kinds.get("topic", [])),
        audience=tuple(found.kinds.get("audience", [])), wants_tour="tour" in found.kinds,
        nearby="nearby" in found.kinds, words=words, core=core, phrases=tuple(found.keys),
        near_me="near_me" in found.kinds, follow_up="follow_up" in found.kinds, more="more" in found.kinds,
        nearest="nearest" in found.kinds, asks=tuple(found.kinds.get("ask", [])),
        off_topic="off_topic" in found.kinds, exclude_types=tuple(found.kinds.get("exclude_type", [])),
        timed="time" in found.kinds, full=full, inside_types=tuple(found.kinds.get("inside_type", [])),
    )
    return _with_intent(query, found, lexicon)


def _with_intent(query: Query, found: _Found, lexicon: Lexicon) -> Query:
    if query.off_topic:
        return replace(query, intent="out_of_scope")
    if query.has_filters and _incidental_place(query, lexicon):
        return replace(query, intent="out_of_scope")
    if not query.has_filters and "_unplaced" in found.kinds and not query.asks:
        return replace(query, intent="out_of_scope")  # "เลยไม่ไปละ", "ไปเลย": chat, not a place
    if query.has_filters or query.words:
        return query
    if query.asks or query.more or query.nearest or query.exclude_types or (query.follow_up and query.timed):
        return query  # a question about the current list or venue; handlers read it against the session
    for intent in ("help", "greeting", "thanks"):
        if intent in found.kinds:
            return replace(query, intent=intent)
    return replace(query, intent="out_of_scope")


def _incidental_place(query: Query, lexicon: Lexicon) -> bool:
    """A place word inside an unrelated sentence ("จองตั๋วเครื่องบินไปภูเก็ต", "เลยไม่ไปละ")."""
    if query.venue_types or query.topics or query.audience or query.wants_tour or query.nearby:
        return False
    names = lexicon.names
    unknown = [w for w in query.words if len(w) < 3 or not names.holds(compact(w))]
    if len(unknown) < 2:
        return False
    # Fragments of a misspelt name ("โฮงมูลมัง" → โฮ|ง|มูล|มัง) still look like one of our names.
    return not names.resembles(compact("".join(query.words)), 80)


def _is_filler(token: str, lexicon: Lexicon) -> bool:
    return any(kind == "filler" for kind, _ in lexicon.phrases.get(compact(token), []))


def _token_spans(norm: str, tokens: list[str]) -> list[tuple[str, int, int]]:
    spans, pos = [], 0
    for tok in tokens:
        start = norm.find(tok, pos)
        if start < 0:
            continue
        spans.append((tok, start, start + len(tok)))
        pos = start + len(tok)
    return spans


def _match_phrases(norm: str, spans: list[tuple[str, int, int]], lexicon: Lexicon, found: _Found) -> None:
    """Greedy longest match of known phrases over runs of whole tokens."""
    i, negated, previous = 0, False, -9  # previous: last token of the latest type/topic/tour phrase
    while i < len(spans):
        best_end, best = -1, None
        for j in range(i, len(spans)):
            key = compact(norm[spans[i][1] : spans[j][2]])
            if len(key) > lexicon.max_phrase_len + 1:
                break
            meaning = lexicon.phrases.get(key) or lexicon.phrases.get(key.rstrip("."))
            if meaning:
                best_end, best = j, meaning
        if best is None:
            i += 1
            continue
        key = compact(norm[spans[i][1] : spans[best_end][2]])
        meanings = _with_evidence(best, key, i, best_end, spans, lexicon, after_type=previous == i - 1)
        if len(meanings) < len(best):
            found.add("_unplaced", key)  # an everyday word that could have been a place (เลย, ชม)
        if not meanings:
            found.covered.update(range(i, best_end + 1))
            i = best_end + 1
            continue
        for kind, value in meanings:
            if kind == "type" and found.kinds.get("type") and i > 0 and compact(spans[i - 1][0]) in _INSIDE:
                found.add("inside_type", value)  # "ห้องสมุดในพิพิธภัณฑ์…": the second type says where the first is
                continue
            if kind == "type" and negated:
                found.add("exclude_type", value)
                found.dropped.update(range(i, best_end + 1))
                continue
            found.add(kind, value)
            if kind in {"type", "topic"}:
                found.keys.append(key)
        if all(kind in NOT_NAME_KINDS for kind, _ in meanings):
            found.dropped.update(range(i, best_end + 1))
        negated = any(kind == "negation" for kind, _ in meanings) or (negated and _is_filler(key, lexicon))
        if any(kind in {"type", "topic", "tour"} for kind, _ in meanings):
            previous = best_end  # "ห้องสมุด ตาก", "tk park yala": a place right after a type is a place
        found.covered.update(range(i, best_end + 1))
        i = best_end + 1


def _with_evidence(meanings: list[tuple[str, str]], key: str, start: int, end: int,
                   spans: list[tuple[str, int, int]], lexicon: Lexicon, after_type: bool) -> list[tuple[str, str]]:
    """Drop the place meaning of an everyday word (เลย, ชม, วันจันทร์) that has no evidence of being a place."""
    places = [m for m in meanings if m[0] in PLACE_KINDS]
    if not places:
        return meanings
    if end + 1 < len(spans) and spans[end][2] == spans[end + 1][1] and any(k == "district" for k, _ in places) \
            and len(key + spans[end + 1][0]) >= 6 and lexicon.names.holds(key + compact(spans[end + 1][0])):
        # A district that starts a longer word of one of our names ("พนม" in "พนมรุ้ง") is that name.
        meanings = [m for m in meanings if m[0] != "district"]
        places = [m for m in meanings if m[0] in PLACE_KINDS]
        if not places:
            return meanings
    others = [m for m in meanings if m[0] not in PLACE_KINDS]
    ambiguous = key in lexicon.needs_evidence or any(kind in {"time", "filler"} for kind, _ in others)
    if not ambiguous:
        return meanings
    alone = start == 0 and end == len(spans) - 1
    before = compact(spans[start - 1][0]) if start > 0 else ""
    if alone or before in lexicon.evidence or after_type:
        return meanings
    # Typed as a word of its own ("หอคำ น่าน", "แพร่ มีที่ไหนบ้าง"), not inside a phrase ("ตากผ้า", "ไปเลย"):
    # a province or district. Regions are left out: "ใต้ สะพาน" is "under the bridge".
    spaced = (start > 0 and spans[start - 1][2] < spans[start][1]) or \
        (end + 1 < len(spans) and spans[end][2] < spans[end + 1][1])
    if spaced:
        return [m for m in meanings if m[0] != "region"]
    return others


def _match_abbreviations(norm: str, lexicon: Lexicon, found: _Found) -> set[str]:
    """Two-letter province abbreviations count only standalone, dotted, after จ., or as the whole text."""
    matched = set()
    for abbr, province in lexicon.abbreviations.items():
        if abbr not in norm:
            continue
        pattern = rf"(?:^|(?<=[\s,(])|(?<=จ\.)|(?<=จ\.\s)|(?<=จังหวัด)){re.escape(abbr)}(?:\.|(?=[\s,)?]|$))"
        if abbr in lexicon.needs_evidence:  # ชม is also "to view": only dotted, after จ./จังหวัด, or alone
            pattern = rf"(?:^{re.escape(abbr)}\.?$|(?:จ\.\s?|จังหวัด){re.escape(abbr)}|(?:^|(?<=\s)){re.escape(abbr)}\.)"
        if re.search(pattern, norm):
            found.add("province", province)
            matched.add(abbr)
    return matched


def _match_fuzzy_places(leftover: list[str], lexicon: Lexicon, found: _Found) -> None:
    """Misspelt province names (e.g. เชียงไหม่) above a minimum length and score."""
    if not lexicon.fuzzy_places:
        return
    choices = list(lexicon.fuzzy_places)
    for i in range(len(leftover)):
        for width in (2, 1):
            piece = "".join(leftover[i : i + width])
            if len(piece) < _FUZZY_MIN_LEN:
                continue
            best = process.extractOne(piece, choices, scorer=fuzz.ratio, processor=None,
                                      score_cutoff=_FUZZY_MIN_SCORE)
            # A name typed without its silent ending (สุริน, บุรีรัม, กาฬสิน) is the start of exactly one province.
            starts = {lexicon.fuzzy_places[c] for c in choices if c.startswith(piece) and len(piece) >= 0.6 * len(c)}
            province = lexicon.fuzzy_places[best[0]] if best else (starts.pop() if len(starts) == 1 else None)
            if province:
                found.add("province", province)
                found.kinds.setdefault("_fuzzy", []).extend(leftover[i : i + width])
                break
