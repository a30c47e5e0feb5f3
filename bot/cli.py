"""Flask CLI commands: `ask` answers one message as the bot would, as text or as LINE's JSON body."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import click
from flask import Flask, current_app

from bot.conversation import answer
from bot.session import Session, UserInput


def render_text(messages: list[dict[str, Any]]) -> str:
    """A readable rendering of LINE messages: texts, bubble titles and lines, buttons, quick replies."""
    out: list[str] = []
    for message in messages:
        if message["type"] == "text":
            out.append(message["text"])
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


def register_cli(app: Flask) -> None:
    """Attach the bot's commands to the app's `flask` CLI."""
    from bot.content_cli import content_group

    app.cli.add_command(content_group)

    @app.cli.command("ask")
    @click.argument("text")
    @click.option("--json", "as_json", is_flag=True, help="print the exact LINE reply request body")
    def ask(text: str, as_json: bool) -> None:
        """Answer TEXT as the bot would (fresh session; nothing is sent to LINE)."""
        library = current_app.extensions["rianru"].content.library
        reply = answer(Session(), UserInput("text", text=text), library, datetime.now(UTC))
        if as_json:
            body = {"replyToken": "<reply-token>", "messages": reply.messages}
            click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        else:
            click.echo(render_text(reply.messages))
