"""Conversation handlers: one module per intent or state, first match wins, fallback last.

HANDLERS is the ordered tuple answer() walks; button taps go through handlers.buttons.POSTBACKS.
"""

from handlers import events, fallback, follow, follows, location, postback, search, small_talk

HANDLERS = (follow, postback, location, small_talk, follows, events, search, fallback)
