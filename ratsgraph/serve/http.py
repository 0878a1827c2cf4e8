"""The socket side: a standard-library ThreadingHTTPServer that turns HTTP requests into
`Request` values for `App.handle` and writes its `Response` back (streamed bodies included)."""

from __future__ import annotations

import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .app import App, Request, Response, error

log = logging.getLogger("ratsgraph.serve")


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "ratsgraph"
    protocol_version = "HTTP/1.1"

    def _request(self) -> Request | Response:
        url = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = b""
        if self.command == "POST":
            if "chunked" in headers.get("transfer-encoding", "").lower():
                return error(411, "length-required", "send the body with a Content-Length")
            try:
                length = int(headers.get("content-length", "0"))
            except ValueError:
                return error(400, "request", "Content-Length is not a number")
            limit = self.server.app.settings.max_request_bytes
            if length > limit:
                return error(413, "too-large", f"the request body has {length} bytes; at most {limit} are accepted")
            body = self.rfile.read(length) if length > 0 else b""
        try:
            params = parse_qs(url.query, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return error(400, "request", "the query string is not UTF-8")
        return Request(self.command, url.path or "/", params, headers, body)

    def _serve(self) -> None:
        request = self._request()
        if isinstance(request, Response):
            self.close_connection = True
            response = request
            head = False
        else:
            response = self.server.app.handle(request)
            head = request.method == "HEAD"
        self._write(response, head)

    def _write(self, response: Response, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        streamed = not isinstance(response.body, bytes)
        names = {name.lower() for name, _ in response.headers}
        for name, value in response.headers:
            self.send_header(name, value)
        if not streamed:
            if "content-length" not in names:
                self.send_header("Content-Length", str(len(response.body)))  # type: ignore[arg-type]
        elif "content-length" not in names:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if head:
            return
        if not streamed:
            self.wfile.write(response.body)  # type: ignore[arg-type]
            return
        chunked = "content-length" not in names
        chunks = response.body
        try:
            for chunk in chunks:  # type: ignore[union-attr]
                if not chunk:
                    continue
                if chunked:
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                else:
                    self.wfile.write(chunk)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as err:
            log.warning("stream of %s stopped: %s", self.path[:200], err)
            self.close_connection = True
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, app: App, host: str, port: int) -> None:
        self.app = app
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def make_server(app: App, host: str = "127.0.0.1", port: int = 0) -> Server:
    """Bind (port 0: a free port, see `Server.url`); the caller runs `serve_forever`."""
    return Server(app, host, port)
