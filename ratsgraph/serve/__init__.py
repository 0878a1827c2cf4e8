"""`ratsgraph serve`: a read-only SPARQL 1.1 endpoint with linked-data pages over a store.

`app.App` holds the behaviour (tested without sockets), `http.Server` the socket side,
`worker.WorkerPool` the processes that run queries and can be killed at their time limit,
`settings.SETTINGS` every limit and default. See docs/store-and-server.md."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable

from .settings import SETTINGS, Settings

__all__ = ["SETTINGS", "App", "Request", "Response", "Server", "Settings", "make_server", "serve"]

_LAZY = {"App": "app", "Request": "app", "Response": "app", "Server": "http", "make_server": "http"}


def __getattr__(name: str):
    """The app and the socket side, imported when first used: every `ratsgraph` command reads
    the settings, only `serve` needs the rest."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def serve(store: str, settings: Settings, announce: Callable[[str], None] | None = None) -> None:
    """Serve a store until SIGINT or SIGTERM. Raises `StoreError`/`JobError` when the store
    cannot be opened and `OSError` when the address cannot be bound."""
    from .app import App
    from .http import make_server

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s")
    app = App(store, settings)
    app.start()
    try:
        server = make_server(app, settings.host, settings.port)
    except OSError:
        app.close()
        raise
    stop = threading.Event()

    def shutdown(signum: int, frame: object) -> None:
        if not stop.is_set():
            stop.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    previous = {sig: signal.signal(sig, shutdown) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if announce is not None:
            announce(server.url)
        server.serve_forever(poll_interval=0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.server_close()
        app.close()
