"""The /preview blueprint: gallery, content problems, chat; its LINE-like renderer and templates."""

from routes.preview.views import bp

__all__ = ["bp"]
