"""The app factory: ``create_app(options)`` builds a FastAPI app over a read-only store.

Pages are rendered on the server (Jinja2, autoescaped); the JSON API lives under ``/api/``; the OpenAPI
document is ``/openapi.json`` and its docs pages (``/docs``, ``/redoc``) load their assets from this app.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import StoreError
from ..options import Options
from .deps import AppState, WebSettings
from .render import (
    MIX_CATEGORIES,
    SOURCE_TYPE_LABELS,
    article_href,
    outlet_href,
    person_href,
    relation_phrase,
    source_type_label,
)
from .timefmt import readable_time, time_tag

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline
    from ..store import Store

__all__ = ["create_app", "WebSettings", "HERE", "DOCS_PATHS", "HostCheck", "HeadAsGet"]

HERE = Path(__file__).resolve().parent

# Our pages run only our own script and style files: even a slip in escaping could not run injected code.
_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# The API docs pages (Swagger UI, ReDoc) start with a small inline script and load workers from blobs.
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = frozenset({"/docs", "/redoc"})
"""The only two paths that get the looser docs CSP (exact matches: not /docs/anything, not /docsx)."""


def _version() -> str:
    try:
        return version("whosaid")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0"


class SecurityHeaders:
    """Adds CSP, nosniff, no-referrer and frame denial to every response (pure ASGI middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _DOCS_CSP if scope.get("path") in DOCS_PATHS else _PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for name, value in (
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ):
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answers HEAD like GET without the body (FastAPI routes answer GET only): same status and headers,
    Content-Length included, so link checkers and monitors can probe every page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class HostCheck:
    """Refuses requests whose Host header is not an allowed name (HTTP 400): a web page on another site
    cannot reach this server through DNS rebinding (its requests carry that site's name as Host).

    ``allowed`` holds host names or addresses (no port), ``*.example.org`` for a domain and its subdomains,
    or ``*`` for any host (no protection: only behind a proxy that checks the Host itself).
    """

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...] | frozenset[str]) -> None:
        self.app = app
        names = {a.strip().lower().strip("[]") for a in allowed if a.strip()}
        self.any = "*" in names
        self.exact = frozenset(n for n in names if not n.startswith("*."))
        self.suffixes = tuple(n[1:] for n in names if n.startswith("*."))
        self.shown = ", ".join(sorted(f"[{n}]" if ":" in n else n for n in names))

    def allows(self, host_header: str) -> bool:
        host = host_header.strip().lower()
        if host.startswith("["):  # [::1]:8000
            host = host[1:].split("]", 1)[0]
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        host = host.rstrip(".")
        if self.any:
            return True
        return host in self.exact or any(host.endswith(s) or host == s[1:] for s in self.suffixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if self.allows(host):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        detail = (
            f"this server does not answer to the host name {host[:100]!r}; it answers to {self.shown}. "
            "Start it with --allow-host NAME to add a name"
        )
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body})


class BodyLimit:
    """Refuses request bodies larger than ``max_bytes`` with HTTP 413, before and while reading them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > limit
                except ValueError:
                    too_big = True
                if too_big:
                    await _too_large(scope, send, limit)
                    return
        seen = 0
        started = False
        refused = False  # our 413 went out: the app sees a disconnect, and what it sends is dropped

        async def counted_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    if not started:
                        refused = True
                        await _too_large(scope, send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:
                raise


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    detail = f"request body larger than {limit} bytes; send a shorter article"
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error_response(request: Request, status: int, detail: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "detail": detail}, status_code=status)


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid value')}" if where else str(err.get("msg")))
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}; start from the overview at /"
        response = _error_response(request, exc.status_code, detail)
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 400, _validation_detail(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _error_response(request, 503, str(exc))


def create_app(
    options: Options | None = None,
    *,
    settings: WebSettings | None = None,
    store: Store | None = None,
    pipeline_factory: Callable[[Options], Pipeline] | None = None,
) -> FastAPI:
    """A web app over ``options.db`` (opened read-only on first use) or over the given ``store``.

    ``pipeline_factory`` builds the analyze page's Pipeline on its first use (default ``Pipeline(options)``).
    """
    from fastapi_standalone_docs import StandaloneDocs

    from . import api, api_sourcing, export, outlet_pages, pages, person_pages, provenance

    options = options or Options()
    state = AppState(options, settings or WebSettings(), store=store, pipeline_factory=pipeline_factory)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="whosaid",
        version=_version(),
        description=(
            "Read-only JSON API over a whosaid corpus: articles with their attributed statements, people, "
            "outlets' sourcing mix, and full-text search over quote content. `POST /api/analyze` analyzes "
            "one article without storing it."
        ),
        docs_url="/docs",
        redoc_url="/redoc",
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    StandaloneDocs(app=app)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        source_type_label=source_type_label,
        SOURCE_TYPE_LABELS=SOURCE_TYPE_LABELS,
        MIX_CATEGORIES=MIX_CATEGORIES,
        app_version=app.version,
        person_href=person_href,
        article_href=article_href,
        outlet_href=outlet_href,
        relation_phrase=relation_phrase,
        time_tag=time_tag,
        readable_time=readable_time,
    )
    templates.env.filters["short"] = _short
    app.state.whosaid = state
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(export.router)  # before api: /api/attributions/export
    app.include_router(api.router)
    app.include_router(api_sourcing.router)
    app.include_router(pages.router)
    app.include_router(person_pages.router)
    app.include_router(outlet_pages.router)
    app.include_router(provenance.router)
    app.include_router(provenance.api_router)
    _install_error_handlers(app)
    # outermost last: SecurityHeaders > HostCheck > HeadAsGet > BodyLimit > the app
    app.add_middleware(BodyLimit, max_bytes=state.settings.max_body_bytes)
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostCheck, allowed=state.settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app


def _short(value: Any, n: int = 160) -> str:
    s = " ".join(str(value or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"
