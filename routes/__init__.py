"""Flask blueprints: HTTP only."""
