"""The officers' working copy as the preview shows it: what publishing would serve, its diff, problems and log."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.catalog.fact_age import FactAge
from bot.catalog.hours import BANGKOK
from bot.catalog.loader import content_files
from bot.catalog.problems import ContentProblem
from bot.content import Content
from bot.publish.publisher import preview
from bot.publish.reply_check import check_replies

log = logging.getLogger(__name__)
KEY = "rianru-preview-working"


@dataclass
class WorkingCopy:
    """The working files as publishing would serve them, with what citizens would see change."""

    content: Content | None
    diff: list[str] = field(default_factory=list)
    held: dict[str, list[str]] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """The working files' errors, in the officers' format."""
        return [str(p) for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[str]:
        """The working files' warnings."""
        return [str(p) for p in self.problems if not p.is_error]


class WorkingCache:
    """Rebuilt only when a working file or the published pointer changes (building an index takes a second)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Any = None
        self._copy: WorkingCopy | None = None

    def get(self, services: Any) -> WorkingCopy:
        """The current working copy for these services (settings, live)."""
        settings, live = services.settings, services.live
        key = (tuple(sorted(content_files(settings.content_dir).items())), live.store.pointer_stamp())
        with self._lock:
            if self._copy is not None and key == self._key:
                return self._copy
            self._copy, self._key = self._build(settings, live), key
            return self._copy

    @staticmethod
    def _build(settings: Any, live: Any) -> WorkingCopy:
        age = FactAge(settings.fact_max_age_years, datetime.now(BANGKOK).year)
        try:
            outcome = preview(settings.content_dir, live.store, age)
        except Exception:  # the page must still show the published content
            log.exception("reading the working copy failed")
            return WorkingCopy(None)
        candidate = outcome.candidate
        assert candidate is not None
        problems = list(candidate.working.problems)
        catalog = candidate.result.catalog
        content = None
        if catalog is not None:
            problems += check_replies(catalog, candidate.result.where)
            current = live.current
            content = current if current is not None and current.catalog.version == catalog.version \
                else Content.build(catalog)
        return WorkingCopy(content, outcome.diff, candidate.held, candidate.changed, problems)


def working_copy(app_extensions: dict[str, Any]) -> WorkingCopy:
    """The app's working copy (one cache per app)."""
    cache = app_extensions.setdefault(KEY, WorkingCache())
    return cache.get(app_extensions["rianru"])
