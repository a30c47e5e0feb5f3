"""`flask` CLI commands: ask (one answer), content (the officers' tools), report (unanswered questions)."""

from __future__ import annotations

import importlib

import click
from flask import Flask
from flask.cli import AppGroup


def register_cli(app: Flask) -> None:
    """Attach every command to the app's `flask` CLI."""
    from bot.commands.ask import register_ask
    from bot.commands.content import content_group

    app.cli.add_command(content_group)
    register_ask(app)
    from bot.commands import report_unanswered

    report_group = _report_group()
    report_unanswered.register(report_group)
    app.cli.add_command(report_group)


def _report_group() -> click.Group:
    """The `report` group of bot/commands/report.py when it exists, else a bare one for our own reports."""
    try:
        group = getattr(importlib.import_module("bot.commands.report"), "report", None)
    except ImportError:
        group = None
    if isinstance(group, click.Group):
        return group
    return AppGroup("report", help="Reports for officers.")
