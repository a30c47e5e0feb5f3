"""Conversation handlers: one module per intent or state, listed in HANDLERS."""
