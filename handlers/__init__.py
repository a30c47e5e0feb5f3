"""Conversation handlers: one module per intent or state, first match wins, fallback last.

HANDLERS is the ordered tuple answer() walks; button taps go through handlers.buttons.POSTBACKS.
"""

from handlers import facts, fallback, follow, followup, location, postback, search, small_talk

HANDLERS = (follow, postback, location, small_talk, followup, facts, search, fallback)
