"""`flask ask`: answer one message as the bot would, as readable text or as LINE's JSON body."""

from __future__ import annotations

import json
import uuid
from typing import Any

import click
from flask import Flask, current_app

from bot.turn import UserInput

CLI_PREFIX = "cli:"


def render_text(messages: list[dict[str, Any]]) -> str:
    """A readable rendering of LINE messages: texts, bubble titles and lines, buttons, quick replies."""
    out: list[str] = []
    for message in messages:
        if message["type"] == "text":
            out.append(message["text"])
        elif message["type"] == "location":
            out.append(f"📍 {message['title']} ({message['latitude']:.5f}, {message['longitude']:.5f})")
        elif message["type"] == "flex":
            contents = message["contents"]
            bubbles = contents["contents"] if contents["type"] == "carousel" else [contents]
            for n, bubble in enumerate(bubbles, start=1):
                texts = [c["text"] for c in bubble.get("body", {}).get("contents", []) if c["type"] == "text"]
                title = texts[1] if len(texts) > 1 else (texts[0] if texts else "")
                out.append(f"[{n}] {title}")
                out += [f"    {line}" for i, line in enumerate(texts) if i != 1]
                buttons = [b["action"]["label"] for b in bubble.get("footer", {}).get("contents", [])
                           if b["type"] == "button"]
                if buttons:
                    out.append("    " + " | ".join(f"({b})" for b in buttons))
        items = message.get("quickReply", {}).get("items", [])
        if items:
            out.append("quick replies: " + " · ".join(i["action"]["label"] for i in items))
    return "\n".join(out)


def register_ask(app: Flask) -> None:
    """Attach `flask ask` to the app's CLI."""

    @app.cli.command("ask")
    @click.argument("text")
    @click.option("--json", "as_json", is_flag=True, help="print the exact LINE reply request body")
    @click.option("--as", "who", default=None, help="keep a conversation under this name (default: a fresh one)")
    def ask(text: str, as_json: bool, who: str | None) -> None:
        """Answer TEXT as the bot would, through the same turn runner as LINE (nothing is sent to LINE)."""
        runner = current_app.extensions["rianru"].runner(prefix=CLI_PREFIX)
        result = runner.run(who or f"fresh-{uuid.uuid4().hex}", UserInput("text", text=text), dedup=False)
        messages = result.reply.messages if result.reply else []
        if as_json:
            body = {"replyToken": "<reply-token>", "messages": messages}
            click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        else:
            click.echo(render_text(messages))
