"""`flask report unanswered [--top 50]`: the questions citizens asked that ended in the fallback, most asked first."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

LINE_PREFIX = "rianru:"


def unanswered_rows(top: int) -> list[tuple[str, int]]:
    """The most asked unanswered questions (normalised text, count) from LINE chats."""
    return current_app.extensions["rianru"].stores(LINE_PREFIX).effects.unanswered(top)


@click.command("unanswered")
@click.option("--top", default=50, show_default=True, type=click.IntRange(1, 5000), help="How many to list.")
@with_appcontext
def unanswered(top: int) -> None:
    """List questions that got no answer, so officers can add aliases and venues where citizens get stuck."""
    try:
        rows = unanswered_rows(top)
    except Exception as exc:  # Redis down: say so, in one line
        raise click.ClickException(f"cannot read the report from Redis: {type(exc).__name__}") from exc
    if not rows:
        click.echo("ยังไม่มีคำถามที่ตอบไม่ได้ · no unanswered questions yet")
        return
    width = len(str(rows[0][1]))
    for text, count in rows:
        click.echo(f"{count:>{width}}  {text}")


def register(group: click.Group) -> None:
    """Add `unanswered` to the `report` command group."""
    group.add_command(unanswered)
