"""LINE messages → HTML the way LINE draws them (Flex bubbles, carousels, text, quick replies), escaped."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from markupsafe import Markup, escape

TEXT_PX = {"xxs": 11, "xs": 13, "sm": 14, "md": 16, "lg": 19, "xl": 22, "xxl": 29, "3xl": 35, "4xl": 48, "5xl": 74}
SPACE_PX = {"none": 0, "xs": 2, "sm": 4, "md": 8, "lg": 12, "xl": 16, "xxl": 20}
BUBBLE_PX = {"nano": 120, "micro": 160, "deca": 220, "hecto": 241, "kilo": 260, "mega": 300, "giga": 500}
IMAGE_PX = {"xxs": 40, "xs": 60, "sm": 80, "md": 100, "lg": 120, "xl": 140, "xxl": 160, "3xl": 180, "4xl": 200,
            "5xl": 240}
LINK_SCHEMES = ("http", "https", "tel", "line")
_PLACED = {"type", "margin", "flex"}
PROPS: dict[str, set[str]] = {  # what the renderer draws; anything else gets an unsupported marker
    "bubble": {"type", "size", "header", "hero", "body", "footer"}, "carousel": {"type", "contents"},
    "box": _PLACED | {"layout", "contents", "spacing", "paddingAll", "backgroundColor"},
    "text": _PLACED | {"text", "wrap", "size", "color", "weight", "maxLines", "align"},
    "button": _PLACED | {"action", "style", "height", "color"}, "separator": {"type", "margin", "color"},
    "image": _PLACED | {"url", "size", "aspectRatio", "aspectMode"}}
ACTION_PROPS = {"postback": {"type", "label", "data", "displayText"}, "message": {"type", "label", "text"},
                "uri": {"type", "label", "uri"}, "location": {"type", "label"}}
MESSAGE_PROPS = {"text": {"type", "text", "quickReply"}, "flex": {"type", "altText", "contents", "quickReply"},
                 "location": {"type", "title", "address", "latitude", "longitude", "quickReply"}}
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_PX = re.compile(r"^\d{1,4}(?:\.\d{1,2})?px$")
_RATIO = re.compile(r"^(\d{1,5}(?:\.\d{1,3})?):(\d{1,5}(?:\.\d{1,3})?)$")
_URL = re.compile(r"https?://[^\s<>\"']+")
_MARK = re.compile(r'data-unsupported="([^"]*)"')
EMPTY = Markup("")


def marker(what: str) -> Markup:
    """A visible flag for anything the renderer cannot draw like LINE (tests assert there are none)."""
    return Markup('<span class="lf-unsupported" data-unsupported="{0}" title="not rendered: {0}">⚠ {0}</span>'
                  ).format(what)


def unsupported(html: str) -> list[str]:
    """The unsupported markers in rendered HTML (empty when everything was drawn)."""
    return [unescape(found) for found in _MARK.findall(html)]


def _attrs(attrs: dict[str, Any]) -> Markup:
    return EMPTY.join(Markup(' {}="{}"').format(key, value) for key, value in attrs.items() if value is not None)


class _Node:
    """Classes, inline styles and unsupported markers gathered for one element."""

    def __init__(self, kind: str, comp: dict[str, Any]):
        self.kind, self.comp = kind, comp
        self.classes = [f"lf-{kind}"]
        self.styles: list[str] = []
        self.marks = [f"{kind}.{key}" for key in comp if key not in PROPS[kind]]

    def bad(self, key: str) -> None:
        self.marks.append(f"{self.kind}.{key}={self.comp.get(key)}")

    def length(self, key: str, table: dict[str, int] = SPACE_PX, default: str | None = None, css: str = ""
               ) -> str | None:
        value = self.comp.get(key, default)
        if value is None:
            return None
        known = isinstance(value, str) and value in table
        px = f"{table[value]}px" if known else value if isinstance(value, str) and _PX.match(value) else None
        if px is None:
            self.bad(key)
        elif css:
            self.styles.append(f"{css}:{px}")
        return px

    def choice(self, key: str, allowed: Any, default: str | None = None, css: str = "") -> str | None:
        value = self.comp.get(key, default)
        ok = isinstance(value, str) and (allowed.match(value) if isinstance(allowed, re.Pattern) else value in allowed)
        if value is not None and not ok:
            self.bad(key)
            value = default
        if value is not None and css:
            self.styles.append(f"{css}:{value}")
        return value

    def place(self, parent: str, lead: str | None, flexible: bool = True) -> None:
        # Leading margin (own margin, else the parent's spacing) and flex share inside the parent box.
        margin = self.length("margin") or lead
        if margin:
            self.styles.append(f"margin-{'top' if parent == 'vertical' else 'left'}:{margin}")
        flex = self.comp.get("flex", 0 if parent == "vertical" else 1) if flexible else 0
        if not isinstance(flex, int) or isinstance(flex, bool) or flex < 0:
            self.bad("flex")
        elif flex:
            self.styles.append(f"flex:{flex} 1 0")

    def tag(self, inner: Markup, tag: str = "div", **attrs: Any) -> Markup:
        style = {"style": ";".join(self.styles)} if self.styles else {}
        return Markup('<{0} class="{1}"{2}>{3}{4}</{0}>').format(
            Markup(tag), " ".join(self.classes), _attrs({**style, **attrs}), inner,
            EMPTY.join(marker(m) for m in self.marks))


def action_attrs(action: Any) -> tuple[str, dict[str, Any], str, list[str]]:
    """Tag, attributes, label and problems for a tappable action; uri only for http/https/tel/line links."""
    if not isinstance(action, dict) or action.get("type") not in ACTION_PROPS:
        kind = action.get("type") if isinstance(action, dict) else action
        return "button", {"type": "button", "disabled": "disabled"}, "", [f"action.type={kind}"]
    kind, label = action["type"], str(action.get("label", ""))
    marks = [f"action.{key}" for key in action if key not in ACTION_PROPS[kind]]
    if kind == "uri":
        uri = str(action.get("uri", ""))
        if ":" in uri and uri.split(":", 1)[0].lower() in LINK_SCHEMES:
            return "a", {"href": uri, "target": "_blank", "rel": "noopener noreferrer"}, label, marks
        return "button", {"type": "button", "disabled": "disabled"}, label, [*marks, f"action.uri={uri[:40]}"]
    extra = {"postback": {"data-data": action.get("data", ""), "data-display": action.get("displayText")},
             "message": {"data-text": action.get("text", "")}}.get(kind, {})
    return "button", {"type": "button", "data-kind": kind, "data-label": label, **extra}, label, marks


def _text(comp: dict[str, Any], parent: str, lead: str | None) -> Markup:
    node = _Node("text", comp)
    node.place(parent, lead)
    node.length("size", TEXT_PX, "md", css="font-size")
    if node.choice("weight", ("regular", "bold")) == "bold":
        node.classes.append("lf-bold")
    node.choice("color", _COLOUR, css="color")
    node.choice("align", ("start", "center", "end"), css="text-align")
    node.classes.append("lf-wrap" if (wrap := comp.get("wrap") is True) else "lf-nowrap")
    lines = comp.get("maxLines", 0)
    if not isinstance(lines, int) or lines < 0:
        node.bad("maxLines")
    elif lines and wrap:
        node.classes.append("lf-clamp")
        node.styles.append(f"-webkit-line-clamp:{lines}")
    return node.tag(escape(str(comp.get("text", ""))), "p")


def _button(comp: dict[str, Any], parent: str, lead: str | None) -> Markup:
    node = _Node("button", comp)
    node.place(parent, lead)
    style = node.choice("style", ("primary", "secondary", "link"), "link")
    node.classes += [f"lf-btn-{style}", f"lf-h-{node.choice('height', ('sm', 'md'), 'md')}"]
    node.choice("color", _COLOUR, css="color" if style == "link" else "background-color")
    tag, attrs, label, marks = action_attrs(comp.get("action"))
    node.marks += marks
    return node.tag(Markup('<span class="lf-label">{}</span>').format(label), tag, **attrs)


def _image(comp: dict[str, Any], parent: str, lead: str | None) -> Markup:
    node = _Node("image", comp)
    node.place(parent, lead)
    width = "100%" if comp.get("size") == "full" else node.length("size", IMAGE_PX, "md") or "100px"
    ratio = _RATIO.match(str(comp.get("aspectRatio", "1:1")))
    if not ratio:
        node.bad("aspectRatio")
    fit = "cover" if node.choice("aspectMode", ("cover", "fit"), "fit") == "cover" else "contain"
    url, img = str(comp.get("url", "")), EMPTY
    if url.startswith("https://"):  # LINE loads https images only
        img = Markup('<img src="{}" alt="" loading="lazy" referrerpolicy="no-referrer" style="object-fit:{}">'
                     ).format(url, fit)
    else:
        node.bad("url")
    frame = f"width:{width};aspect-ratio:{'/'.join(ratio.groups()) if ratio else '1/1'}"
    return node.tag(Markup('<span class="lf-frame" style="{}">{}</span>').format(frame, img))


def _separator(comp: dict[str, Any], parent: str, lead: str | None) -> Markup:
    node = _Node("separator", comp)
    node.classes.append("lf-sep-v" if parent != "vertical" else "lf-sep-h")
    node.place(parent, lead, flexible=False)
    node.choice("color", _COLOUR, css="border-color")
    return node.tag(EMPTY)


def _box(comp: dict[str, Any], parent: str, lead: str | None) -> Markup:
    node = _Node("box", comp)
    node.place(parent, lead)
    layout = node.choice("layout", ("vertical", "horizontal", "baseline"), "vertical") or "vertical"
    node.classes.append(f"lf-{layout}")
    node.length("paddingAll", css="padding")
    node.choice("backgroundColor", _COLOUR, css="background-color")
    spacing = node.length("spacing")
    return node.tag(EMPTY.join(component(child, layout, spacing if n else None)
                               for n, child in enumerate(comp.get("contents", []))))


COMPONENTS = {"box": _box, "text": _text, "button": _button, "image": _image, "separator": _separator}


def component(comp: Any, parent: str = "vertical", lead: str | None = None) -> Markup:
    """One Flex component inside a box of layout `parent`; `lead` is the box's spacing before it."""
    kind = comp.get("type") if isinstance(comp, dict) else None
    if kind not in COMPONENTS:
        return marker(f"component={kind}")
    return COMPONENTS[kind](comp, parent, lead)


def render_bubble(bubble: dict[str, Any]) -> Markup:
    """A bubble: header, hero, body and footer blocks at LINE's width for its size (mega ≈ 300px)."""
    node = _Node("bubble", bubble)
    size = node.choice("size", BUBBLE_PX, "mega") or "mega"
    node.classes.append(f"lf-{size}")
    node.styles.append(f"width:{BUBBLE_PX[size]}px")
    blocks = [Markup('<div class="lf-block lf-{}">{}</div>').format(block, component(bubble[block]))
              for block in ("header", "hero", "body", "footer") if block in bubble]
    return node.tag(EMPTY.join(blocks))


def render_flex(contents: dict[str, Any]) -> Markup:
    """A bubble, or a carousel of bubbles that scrolls sideways."""
    if contents.get("type") == "bubble":
        return render_bubble(contents)
    if contents.get("type") != "carousel":
        return marker(f"flex.type={contents.get('type')}")
    return _Node("carousel", contents).tag(EMPTY.join(render_bubble(b) for b in contents.get("contents", [])))


def linkify(text: str) -> Markup:
    """Escaped text with http(s) addresses as links opening in a new tab, as LINE shows them."""
    out, pos = [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,)")
        out += [escape(text[pos : match.start()]), Markup(
            '<a href="{0}" target="_blank" rel="noopener noreferrer">{0}</a>').format(url)]
        pos = match.start() + len(url)
    return EMPTY.join([*out, escape(text[pos:])])


def render_message(message: dict[str, Any]) -> Markup:
    """One chat message (text bubble or Flex) without its quick replies."""
    kind = message.get("type")
    if kind not in MESSAGE_PROPS:
        return marker(f"message.type={kind}")
    extra = EMPTY.join(marker(f"{kind}.{key}") for key in message if key not in MESSAGE_PROPS[kind])
    if kind == "text":
        return Markup('<div class="lf-msg lf-msg-text">{}{}</div>').format(linkify(message.get("text", "")), extra)
    if kind == "location":  # LINE draws a small map card that opens the map app
        lat, lon = message.get("latitude"), message.get("longitude")
        href = f"https://www.google.com/maps/search/?api=1&query={lat},{lon}"
        return Markup('<div class="lf-msg lf-msg-location"><a href="{}" target="_blank" rel="noopener noreferrer">'
                      '📍 <b>{}</b><br><small>{}</small></a>{}</div>').format(
            href, message.get("title", ""), message.get("address", ""), extra)
    alt = message.get("altText", "")
    return Markup('<div class="lf-msg lf-msg-flex">{}<div class="lf-alt" title="altText">🔔 {}</div>{}</div>'
                  ).format(render_flex(message.get("contents", {})), alt, extra)


def render_quick_reply(message: dict[str, Any]) -> Markup:
    """The quick-reply chips LINE shows under the last message (empty when it has none)."""
    chips = []
    for item in message.get("quickReply", {}).get("items", []):
        tag, attrs, label, marks = action_attrs(item.get("action"))
        marks += [f"quickReply.{key}" for key in item if key not in ("type", "action")]
        chips.append(Markup('<{0} class="lf-chip"{1}>{2}{3}</{0}>').format(
            Markup(tag), _attrs(attrs), label, EMPTY.join(marker(m) for m in marks)))
    return Markup('<div class="lf-quick">{}</div>').format(EMPTY.join(chips)) if chips else EMPTY
