"""Serving content: the live version, its snapshot under instance/, and reloads."""
