"""What citizens follow as they read it: labels for follow items and the list bubble with unfollow buttons."""

from __future__ import annotations

from typing import Any

from bot.catalog.models import Catalog
from bot.replies import event_phrases  # noqa: F401  (registers the sentences)
from bot.replies.codec import encode
from bot.replies.phrases import t
from bot.search.thai import clip

MAX_LISTED = 30


def follow_label(catalog: Catalog, kind: str, value: str, lang: str) -> str | None:
    """ "ข่าวจังหวัดขอนแก่น", "หัวข้อวิทยาศาสตร์", a venue's name; None when the item no longer exists."""
    if kind == "province":
        province = catalog.places.province(value)
        if province is None:
            return None
        return t(lang, "fw_province", value=province.name_en if lang == "en" else province.name_th)
    if kind == "topic":
        return t(lang, "fw_topic", value=value) if value in catalog.keywords.topics else None
    if kind == "venue":
        venue = catalog.venues.get(value)
        if venue is None:
            return None
        return t(lang, "fw_venue", value=venue.name_en if lang == "en" and venue.name_en else venue.name_th)
    return None


def follows_bubble(catalog: Catalog, items: list[tuple[str, str]], lang: str) -> dict[str, Any]:
    """A Flex message listing followed items, each with an unfollow button, and an unfollow-all button."""
    rows: list[dict[str, Any]] = []
    for kind, value in items[:MAX_LISTED]:
        label = follow_label(catalog, kind, value, lang) or value
        rows.append({"type": "box", "layout": "horizontal", "spacing": "sm", "margin": "md", "contents": [
            {"type": "text", "text": label, "wrap": True, "size": "sm", "flex": 3, "gravity": "center"},
            {"type": "button", "style": "secondary", "height": "sm", "flex": 2, "action": {
                "type": "postback", "label": clip(t(lang, "fw_unfollow_button"), 20),
                "data": encode("unfollow", item=f"{kind}:{value}"),
                "displayText": clip(f"{t(lang, 'fw_unfollow_button')} {label}", 300)}},
        ]})
    footer = {"type": "button", "style": "link", "height": "sm", "action": {
        "type": "postback", "label": clip(t(lang, "fw_unfollow_all_button"), 20), "data": encode("unfollow_all"),
        "displayText": t(lang, "fw_unfollow_all_button")}}
    bubble = {"type": "bubble", "size": "mega",
              "body": {"type": "box", "layout": "vertical", "contents": [
                  {"type": "text", "text": "🔔 " + t(lang, "fw_alt"), "weight": "bold", "size": "md"}, *rows]},
              "footer": {"type": "box", "layout": "vertical", "contents": [footer]}}
    return {"type": "flex", "altText": t(lang, "fw_alt"), "contents": bubble}
