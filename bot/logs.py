"""Logging as one JSON object per line (event id, hashed user, intent, latency, outcome); never raw ids or secrets."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

# Fields a log call may pass with `extra=`; anything else stays out of the line.
FIELDS = ("event", "user", "intent", "latency_ms", "outcome", "status", "attempts", "problems", "text", "client")
# A raw LINE user/group/room id (U/C/R + 32 hex) must never reach a log line, whatever the caller wrote.
LINE_ID = re.compile(r"\b[UCR][0-9a-f]{32}\b")


def scrub(text: str) -> str:
    """The text with raw LINE ids masked."""
    return LINE_ID.sub(lambda m: m.group(0)[0] + "…", text)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, the known fields, and a traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": scrub(record.getMessage()),
            "pid": record.process,
        }
        for name in FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["traceback"] = scrub(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def setup_logging(kind: str = "json") -> None:
    """Configure the root logger once per process (JSON lines, or plain text for a developer's terminal)."""
    root = logging.getLogger()
    if any(getattr(h, "_rianru", False) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler._rianru = True  # type: ignore[attr-defined]
    handler.setFormatter(JsonFormatter() if kind == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
