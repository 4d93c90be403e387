"""``whosaid serve``: the web app over the store (read-only), served by uvicorn on 127.0.0.1 by default."""

from __future__ import annotations

from pathlib import Path

import click

from .common import options_from

__all__ = ["COMMANDS", "EVAL_COMMANDS", "serve_cmd"]

COMMANDS: list[click.Command] = []
EVAL_COMMANDS: list[click.Command] = []


@click.command("serve")
@click.option("--db", default=None, help="Store file to browse (default: the global --db, else whosaid.db).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to bind. The default serves this machine only; 0.0.0.0 exposes the app to the "
    "network (it has no login).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option(
    "--max-chars",
    default=50_000,
    show_default=True,
    type=click.IntRange(100, 1_000_000),
    help="Longest article the analyze page accepts.",
)
@click.option(
    "--analyze-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(1, 600),
    help="Seconds an analysis may take before the analyze page gives up.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable; *.example.org for a domain, * for any). "
    "By default the app answers only to localhost, 127.0.0.1, [::1] and the --host address: "
    "other Host headers get HTTP 400, which stops DNS-rebinding attacks from web pages.",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="uvicorn log level.",
)
@click.pass_context
def serve_cmd(
    ctx: click.Context,
    db: str | None,
    host: str,
    port: int,
    max_chars: int,
    analyze_timeout: float,
    allow_hosts: tuple[str, ...],
    log_level: str,
) -> None:
    """Browse the corpus in a web browser: articles with statements highlighted, people, search, analyze.

    Open http://127.0.0.1:8000 (or the --host/--port given) once it says it is running. Fill the store first
    with `whosaid ingest`; the analyze page works without one.
    """
    import uvicorn

    from ..web import WebSettings, create_app
    from ..web.deps import LOOPBACK_HOSTS

    opts = options_from(ctx, db=db)
    if not Path(opts.db).is_file():
        click.echo(
            f"warning: no store at {opts.db} yet; fill it with `whosaid ingest PATH --db {opts.db}` "
            "(the analyze page works meanwhile)",
            err=True,
        )
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: binding {host}: anyone who can reach this machine can use the app", err=True)
        if host in ("0.0.0.0", "::") and not allow_hosts:
            click.echo(
                "note: only requests for localhost / 127.0.0.1 / [::1] are answered; add the names others "
                "use to reach this machine with --allow-host NAME",
                err=True,
            )
    allowed = list(LOOPBACK_HOSTS)
    if host not in ("0.0.0.0", "::", ""):  # a specific address is a name the server is reached by
        allowed.append(host)
    allowed += [h for h in allow_hosts if h]
    app = create_app(
        opts,
        settings=WebSettings(
            max_analyze_chars=max_chars,
            max_body_bytes=max(256 * 1024, 8 * max_chars),
            analyze_timeout_s=analyze_timeout,
            allowed_hosts=tuple(dict.fromkeys(allowed)),
        ),
    )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"whosaid: serving {opts.db} at http://{shown}:{port}  (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False)


COMMANDS.append(serve_cmd)
