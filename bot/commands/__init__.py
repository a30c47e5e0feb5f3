"""`flask` CLI commands: ask (one answer), content (the officers' tools), publishing."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    """Attach every command to the app's `flask` CLI."""
    from bot.commands import publishing  # noqa: F401  (adds diff/publish/history/rollback to the group)
    from bot.commands.ask import register_ask
    from bot.commands.content import content_group

    app.cli.add_command(content_group)
    register_ask(app)
