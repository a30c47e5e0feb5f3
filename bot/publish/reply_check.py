"""Build every venue's and tour's replies with the bot's own builders and report what LINE would refuse."""

from __future__ import annotations

from bot.catalog.models import Catalog
from bot.catalog.problems import ContentProblem
from bot.replies.flex import carousel
from bot.replies.line_limits import message_problems
from bot.replies.texts import detail_text, share_location, text_message, with_quick_replies

LANGS = ("th", "en")


def item_replies(catalog: Catalog, item_id: str, lang: str) -> list[tuple[str, list[dict]]]:
    """(what, messages) for each reply that shows this item: its carousel card, and its details text."""
    replies = [("card", [carousel(catalog, [item_id], lang)])]
    detail = detail_text(catalog, item_id, lang)
    if detail is not None:
        replies.append(("details", with_quick_replies([text_message(detail)], [share_location(lang)])))
    return replies


def check_replies(catalog: Catalog, where: dict[str, tuple[str, int]]) -> list[ContentProblem]:
    """An error per venue or tour whose card or details reply breaks a LINE limit, at the item's line."""
    problems: list[ContentProblem] = []
    for item_id in [*catalog.venues, *catalog.tours]:
        path, line = where.get(item_id, ("content", 1))
        found: dict[str, None] = {}
        for lang in LANGS:
            for what, messages in item_replies(catalog, item_id, lang):
                for problem in message_problems(messages):
                    found.setdefault(f"{what}: {problem}")
        if found:
            problems.append(ContentProblem(
                path, line, item_id, "reply",
                "LINE จะไม่ยอมส่งข้อความที่แสดงรายการนี้ — ทำให้ข้อความสั้นลงหรือแก้ลิงก์ "
                f"(LINE would refuse the reply showing this item: {'; '.join(found)})", kind="line-reply"))
    return problems
