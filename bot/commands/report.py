"""`flask report`: figures for officers; `report routes` shows starts, completions, drop-off and ratings per route."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from bot.store.tour_stats import RouteStats, route_stats

report_group = AppGroup("report", help="Figures for officers (read from Redis; nothing is changed).")


def format_route(stats: RouteStats) -> list[str]:
    """One route's figures as readable lines."""
    rate = f"{stats.completions / stats.starts:.0%}" if stats.starts else "-"
    average = f"{stats.average:.2f} ({stats.ratings})" if stats.average is not None else "- (0)"
    lines = [f"{stats.route}  {stats.name}",
             f"  starts {stats.starts} · completions {stats.completions} ({rate}) · rating {average}"]
    if stats.dropoff:
        spread = ", ".join(f"stop {n}/{stats.stops}: {count}" for n, count in stats.dropoff.items())
        lines.append(f"  unfinished trips stopped at: {spread}")
    lines += [f"  comment: {c}" for c in stats.comments]
    return lines


@report_group.command("routes")
@click.option("--prefix", default="", help="key prefix (default: the LINE chats; 'preview:' for the preview chat)")
def routes(prefix: str) -> None:
    """Per tour route: starts, completions, where unfinished trips stopped, average rating, latest comments."""
    services = current_app.extensions["rianru"]
    content = services.live.current
    if content is None:
        raise click.ClickException("content is not loaded")
    store = services.stores(prefix)
    rows = route_stats(store.sessions.client, store.sessions.prefix, content.catalog.tours)
    for row in rows:
        for line in format_route(row):
            click.echo(line)
