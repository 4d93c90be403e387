"""The web app: browse who said what (FastAPI + Jinja2, read-only over the store); see docs/web.md.

``create_app(options)`` returns the ASGI app; ``whosaid serve`` runs it with uvicorn on 127.0.0.1.
"""

from __future__ import annotations

from .app import create_app
from .deps import WebSettings

__all__ = ["create_app", "WebSettings"]
