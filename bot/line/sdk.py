"""line-bot-sdk, imported on first use and by one thread at a time.

Importing it takes about 1.5 s, so the app does not import it while it starts (the event consumer threads do
it right after, before they take an event, see bot/app.py). Its packages import each other, and two threads
importing such packages at the same moment can meet importlib's deadlock error; a failed import would lose the
event in hand, so every import of the SDK in the bot goes through this lock.
"""

from __future__ import annotations

import threading
from types import ModuleType

_lock = threading.Lock()


def webhooks() -> ModuleType:
    """`linebot.v3` (signature check, webhook parser) once `linebot.v3.webhooks` (event models) is loaded."""
    with _lock:
        import linebot.v3
        import linebot.v3.webhooks

        return linebot.v3


def messaging() -> ModuleType:
    """`linebot.v3.messaging` (ApiClient, Configuration, request models, ApiException)."""
    with _lock:
        import linebot.v3.messaging

        return linebot.v3.messaging


def warm() -> None:
    """Import both halves of the SDK now (each event consumer thread, before its first event)."""
    webhooks()
    messaging()
