"""Multi-turn transcript evaluation (tests/eval/conversations.yaml): turns and whole conversations that pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import yaml

from bot.content import Content
from bot.conversation import answer
from bot.session import Session
from bot.turn import UserInput
from tests.eval.metrics import EVAL_DIR

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # Monday 10:00 in Bangkok


@dataclass
class ConversationScore:
    """Turns and conversations passed, with the failures to print."""

    turns: int = 0
    turns_ok: int = 0
    conversations: int = 0
    conversations_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def percent(self, what: str) -> float:
        """Turn or conversation pass rate in percent."""
        done, ok = (self.turns, self.turns_ok) if what == "turns" else (self.conversations, self.conversations_ok)
        return 100.0 * ok / done if done else 0.0


def load_conversations() -> list[dict[str, Any]]:
    """The transcripts with their per-turn expectations."""
    return yaml.safe_load((EVAL_DIR / "conversations.yaml").read_text(encoding="utf-8"))


def check_turn(content: Content, turn: dict[str, Any], messages: list[dict[str, Any]], session: Session
               ) -> list[str]:
    """What this reply got wrong against the turn's expectations (empty when it passes)."""
    shown = session.results[: session.shown] if any(m["type"] == "flex" for m in messages) else []
    text = "\n".join(m["text"] for m in messages if m["type"] == "text")
    labels = [i["action"].get("label", "") for i in messages[-1].get("quickReply", {}).get("items", [])] \
        if messages else []
    venues, entries = content.catalog.venues, content.index.by_id
    problems = []
    if turn.get("none") and shown:
        problems.append(f"showed {shown[:3]}")
    if not turn.get("none") and any(k in turn for k in ("provinces", "types", "first", "nearest")) and not shown:
        problems.append("showed nothing")
    if "provinces" in turn and any(i in venues and venues[i].province_th not in turn["provinces"] for i in shown):
        problems.append(f"outside {turn['provinces']}: {shown[:3]}")
    if "types" in turn and any(not entries[i].types & set(turn["types"]) for i in shown if i in entries):
        problems.append(f"not {turn['types']}: {shown[:3]}")
    if "first" in turn and (not shown or shown[0] not in turn["first"]):
        problems.append(f"first {shown[:1]} not {turn['first']}")
    if "text" in turn and str(turn["text"]) not in text:
        problems.append(f"no {turn['text']!r} in {text[:80]!r}")
    if turn.get("nearest"):
        distances = [round(session.distances.get(i, -1), 1) for i in shown]
        if not distances or -1 in distances or distances != sorted(distances):
            problems.append("not sorted by distance")
    if "remembered" in turn and turn["remembered"] not in labels:
        problems.append(f"no quick reply {turn['remembered']!r}")
    return problems


def evaluate_conversations(content: Content, check: Any = None) -> ConversationScore:
    """Run every transcript from a fresh session at the fixed now."""
    score = ConversationScore()
    for conversation in load_conversations():
        session, ok = Session(), True
        for n, turn in enumerate(conversation["turns"], start=1):
            if "share" in turn:
                lat, lon = turn["share"]
                user_input = UserInput("location", lat=lat, lon=lon)
            else:
                user_input = UserInput("text", text=turn["say"])
            reply = answer(session, user_input, content, NOW)
            if check:
                check(reply.messages)
            session = reply.session
            problems = check_turn(content, turn, reply.messages, session)
            score.turns += 1
            score.turns_ok += not problems
            if problems:
                ok = False
                said = turn.get("say", turn.get("share"))
                score.misses.append(f"{conversation['name']} / turn {n} {said!r}: " + "; ".join(problems))
        score.conversations += 1
        score.conversations_ok += ok
    return score
