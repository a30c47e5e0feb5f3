"""`flask` CLI commands: ask, content (check, publish, history…), report, richmenu, notice (admins)."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    """Attach every command to the app's `flask` CLI."""
    from bot.commands import publishing, report_unanswered  # noqa: F401  (publishing adds to the content group)
    from bot.commands.ask import register_ask
    from bot.commands.content import content_group
    from bot.commands.notice import notice_group
    from bot.commands.report import report_group
    from bot.commands.richmenu import richmenu_group

    report_unanswered.register(report_group)
    app.cli.add_command(content_group)
    app.cli.add_command(report_group)
    app.cli.add_command(richmenu_group)
    app.cli.add_command(notice_group)
    register_ask(app)
