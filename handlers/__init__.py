"""Conversation handlers: one module per intent or state, first match wins, fallback last.

HANDLERS is the ordered tuple answer() walks; button taps go through handlers.buttons.POSTBACKS.
"""

from handlers import (
    events,
    facts,
    fallback,
    follow,
    follows,
    followup,
    location,
    postback,
    search,
    small_talk,
    tour_checkin,
    tour_rating,
    tour_typed,
)

HANDLERS = (follow, postback, tour_typed, tour_rating, tour_checkin, location, small_talk, follows, events, followup,
            facts, search, fallback)
