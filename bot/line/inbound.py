"""Turn line-bot-sdk webhook events into transport-free work items (or None to ignore them).

The SDK's webhook models are imported on first use (`sdk()`; about half a second), not with the app.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from typing import Any

from bot.line import sdk as line_sdk
from bot.turn import UserInput


def sdk() -> Any:
    """line-bot-sdk's webhook event models (`linebot.v3.webhooks`), imported on first use."""
    return line_sdk.webhooks().webhooks


@dataclass(frozen=True)
class Work:
    """One event to answer: who, how to reply, and what they said."""

    event_id: str
    chat_id: str
    reply_token: str | None
    user_input: UserInput
    is_redelivery: bool = False
    timestamp_ms: int = 0  # when the event happened (LINE's `timestamp`); 0 when unknown
    received_at: float = 0.0  # when our webhook received it (epoch seconds)
    reclaimed: bool = False  # taken over from a consumer that stopped: an earlier attempt may have sent

    def to_json(self) -> str:
        """The work item as JSON, for the durable event queue."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Work:
        """The work item read back from the queue."""
        data: dict[str, Any] = json.loads(raw)
        data["user_input"] = UserInput(**data["user_input"])
        return cls(**data)


# LINE ids: U (user), C (group), R (room) and 32 lowercase hex digits.
LINE_ID = re.compile(r"[UCR][0-9a-f]{32}")


def valid_chat_id(chat_id: str) -> bool:
    """True for a well-formed LINE user, group or room id."""
    return bool(LINE_ID.fullmatch(chat_id))


def chat_id_of(event: object) -> str | None:
    """The id to push to: the user, group or room the event came from."""
    source, models = getattr(event, "source", None), sdk()
    if isinstance(source, models.UserSource):
        return source.user_id
    if isinstance(source, models.GroupSource):
        return source.group_id
    if isinstance(source, models.RoomSource):
        return source.room_id
    return None


def _mentions_bot(message: Any) -> bool:
    mention = getattr(message, "mention", None)
    return bool(mention and any(getattr(m, "is_self", False) for m in (mention.mentionees or [])))


def _without_mentions(message: Any) -> str:
    text = message.text or ""
    mention = getattr(message, "mention", None)
    if not mention:
        return text
    for m in sorted(mention.mentionees or [], key=lambda m: m.index, reverse=True):
        text = text[: m.index] + text[m.index + m.length :]
    return text


def _on_earth(lat: float | None, lon: float | None) -> bool:
    """Finite coordinates within ±90/±180 (anything else would crash or print "nan km" distances)."""
    return (lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
            and -90 <= lat <= 90 and -180 <= lon <= 180)


def to_work(event: object) -> Work | None:
    """A Work item for events the bot answers; None for standby, unknown types, or group chatter."""
    if getattr(event, "mode", "active") == "standby":
        return None
    models = sdk()
    chat_id = chat_id_of(event)
    event_id = getattr(event, "webhook_event_id", None)
    if chat_id is None or not event_id:
        return None
    in_group = not isinstance(getattr(event, "source", None), models.UserSource)
    token = getattr(event, "reply_token", None)
    redelivery = bool(getattr(getattr(event, "delivery_context", None), "is_redelivery", False))
    user_input: UserInput | None = None
    if isinstance(event, models.MessageEvent):
        message = event.message
        if isinstance(message, models.TextMessageContent):
            if in_group and not _mentions_bot(message):
                return None
            user_input = UserInput("text", text=_without_mentions(message) if in_group else message.text or "")
        elif in_group:
            return None
        elif isinstance(message, models.LocationMessageContent) and _on_earth(message.latitude, message.longitude):
            user_input = UserInput("location", lat=message.latitude, lon=message.longitude,
                                   title=message.title or "")
        else:
            user_input = UserInput("other")
    elif isinstance(event, models.PostbackEvent):
        user_input = UserInput("postback", data=event.postback.data or "")
    elif isinstance(event, models.FollowEvent):
        user_input = UserInput("follow")
    elif isinstance(event, models.UnfollowEvent):
        user_input = UserInput("unfollow")
    if user_input is None:
        return None
    timestamp = getattr(event, "timestamp", 0)
    return Work(event_id, chat_id, token, user_input, redelivery,
                timestamp if isinstance(timestamp, int) else 0)
