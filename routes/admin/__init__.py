"""The /admin blueprint: notices page (preview login, CSRF) and the JSON API (Bearer ADMIN_TOKEN)."""

from routes.admin import api, pages  # noqa: F401  (their routes attach to bp)
from routes.admin.gate import bp

__all__ = ["bp"]
