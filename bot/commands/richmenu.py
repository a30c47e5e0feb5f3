"""`flask richmenu deploy|delete`: the default rich menu (ค้นหา ใกล้ฉัน เส้นทาง กิจกรรม การติดตาม ช่วยเหลือ) via the SDK."""

from __future__ import annotations

import sys
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup

from bot.commands.richmenu_image import HEIGHT, WIDTH, Tile, bounds, draw_menu
from bot.line import sdk
from bot.replies.codec import encode


def _sdk() -> Any:
    """line-bot-sdk's messaging package, imported on first use (about a second; bot/line/sdk.py)."""
    return sdk.messaging()

NAME = "rianru-default"
CHAT_BAR = "เมนู"
# (tile, action): each action is something answer() understands (tests/events/test_richmenu.py checks it).
MENU: list[tuple[Tile, dict[str, str]]] = [
    (Tile("ค้นหา", "Search", "#1565C0", "search"), {"type": "postback", "data": encode("help"),
                                                   "displayText": "ค้นหา"}),
    (Tile("ใกล้ฉัน", "Near me", "#00897B", "pin"), {"type": "message", "text": "ที่ใกล้ฉัน"}),
    (Tile("เส้นทาง", "Routes", "#C62828", "route"), {"type": "message", "text": "เส้นทางท่องเที่ยว"}),
    (Tile("กิจกรรม", "Events", "#F57F17", "star"), {"type": "message", "text": "มีกิจกรรมอะไรบ้าง"}),
    (Tile("การติดตาม", "Following", "#5E35B1", "bell"), {"type": "message", "text": "การติดตามของฉัน"}),
    (Tile("ช่วยเหลือ", "Help", "#455A64", "help"), {"type": "message", "text": "ช่วยเหลือ"}),
]

richmenu_group = AppGroup("richmenu", help="เมนูด้านล่างแชต LINE (the LINE rich menu): deploy, delete.")


def menu_request() -> Any:
    """The rich menu object (a RichMenuRequest): six areas, each with an accessible label (Thai and English)."""
    messaging = _sdk()
    areas = []
    for index, (tile, action) in enumerate(MENU):
        x, y, w, h = bounds(index)
        label = f"{tile.label_th} {tile.label_en}"[:20]
        if action["type"] == "postback":
            act: Any = messaging.PostbackAction(label=label, data=action["data"], displayText=action["displayText"])
        else:
            act = messaging.MessageAction(label=label, text=action["text"])
        areas.append(messaging.RichMenuArea(bounds=messaging.RichMenuBounds(x=x, y=y, width=w, height=h), action=act))
    return messaging.RichMenuRequest(size=messaging.RichMenuSize(width=WIDTH, height=HEIGHT), selected=True, name=NAME,
                           chatBarText=CHAT_BAR, areas=areas)


def _apis() -> tuple[Any, Any]:
    settings = current_app.extensions["rianru"].settings
    if not settings.channel_access_token:
        click.echo("ต้องตั้งค่า LINE_CHANNEL_ACCESS_TOKEN ก่อน (LINE_CHANNEL_ACCESS_TOKEN is not set)", err=True)
        sys.exit(1)
    messaging = _sdk()
    client = messaging.ApiClient(messaging.Configuration(access_token=settings.channel_access_token,
                                             host=settings.line_api_base_url))
    return messaging.MessagingApi(client), messaging.MessagingApiBlob(client)


def _ours(api: Any) -> list[str]:
    return [menu.rich_menu_id for menu in api.get_rich_menu_list().richmenus if menu.name == NAME]


def deploy() -> str:
    """Create the menu, upload its image, make it the default, then delete older copies (images are final)."""
    api, blob = _apis()
    old = _ours(api)
    menu_id = api.create_rich_menu(menu_request()).rich_menu_id
    try:
        blob.set_rich_menu_image(menu_id, draw_menu([tile for tile, _ in MENU]),
                                 _headers={"Content-Type": "image/png"})
        api.set_default_rich_menu(menu_id)
    except _sdk().ApiException:
        api.delete_rich_menu(menu_id)  # never leave a half-made menu behind
        raise
    for stale in old:
        api.delete_rich_menu(stale)
    return menu_id


def delete() -> int:
    """Stop showing the menu and delete every copy of it; the number deleted."""
    api, _ = _apis()
    ours = _ours(api)
    if ours:
        try:
            api.cancel_default_rich_menu()
        except _sdk().ApiException as exc:
            if exc.status != 404:
                raise
    for menu_id in ours:
        api.delete_rich_menu(menu_id)
    return len(ours)


@richmenu_group.command("deploy")
def deploy_command() -> None:
    """สร้างเมนูและตั้งเป็นค่าเริ่มต้น แทนที่เมนูเดิม (create the default rich menu, replacing the old one)."""
    try:
        menu_id = deploy()
    except _sdk().ApiException as exc:
        click.echo(f"LINE ปฏิเสธ (LINE refused): {exc.status} {exc.body}", err=True)
        sys.exit(1)
    click.echo(f"ตั้งเมนู {menu_id} เป็นค่าเริ่มต้นแล้ว (default rich menu is {menu_id}); "
               f"citizens see it when they reopen the chat")


@richmenu_group.command("delete")
def delete_command() -> None:
    """ลบเมนู (remove the rich menu)."""
    try:
        count = delete()
    except _sdk().ApiException as exc:
        click.echo(f"LINE ปฏิเสธ (LINE refused): {exc.status} {exc.body}", err=True)
        sys.exit(1)
    click.echo(f"ลบเมนู {count} รายการ (deleted {count} rich menus)")
