"""The web server behind `aiwire serve`, with a lock on the door.

Every browser session is a dashboard process that can press any key, and
some keys act on the server's files (`e` opens feeds.toml in $EDITOR). So
nothing runs for a request without the token printed at start; a WebSocket
from a page on another origin is refused even with it (any page open in the
user's browser could otherwise try); a Host header we do not serve is
refused, which stops DNS rebinding; and only so many sessions run at once.

textual-serve's Server supplies the session plumbing; this subclass builds
the aiohttp application with the checks in front and renders the page
without the third-party font request textual-serve's template makes.
"""

from __future__ import annotations

import asyncio
import hmac
import re
import signal
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from tui.web_origin import origin_of

__all__ = ["GuardedServer"]

# textual-serve's template asks Google for Roboto Mono; the same font ships
# in its static folder, so the page names that copy instead.
_REMOTE_FONT = re.compile(r"<link\b[^>]*fonts\.googleapis\.com[^>]*>", re.IGNORECASE)
_LOCAL_FONT = (
    "<style>@font-face{font-family:'Roboto Mono';"
    "src:url('%sfonts/RobotoMono-VariableFont_wght.ttf') format('truetype');}</style>"
)

REFUSED_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>aiwire</title></head>
<body style="font-family: monospace; background: #0c181f; color: #e0e0e0; padding: 2em">
<p>This dashboard needs its token.</p>
<p>Open the address <code>aiwire serve</code> printed when it started
(it ends in <code>?token=...</code>).</p>
</body></html>
"""


class GuardedServer(Server):
    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        token: str,
        origins: set[str],
        public_url: str | None,
        max_sessions: int,
    ) -> None:
        super().__init__(command, host=host, port=port, title="aiwire", public_url=public_url)
        self.token = token
        self.origins = {origin_of(origin) for origin in origins}
        # Host headers we answer: the host[:port] parts of the origins.
        self.hosts = {origin.split("://", 1)[1] for origin in self.origins}
        self.explicit_public_url = public_url.rstrip("/") if public_url else None
        self.max_sessions = max_sessions
        self.sessions = 0
        self.cookie = f"aiwire_token_{port}"  # cookies ignore ports: one per server

    # -- the checks ------------------------------------------------------------

    def token_matches(self, offered: str | None) -> bool:
        if not offered:
            return False
        return hmac.compare_digest(offered.encode("utf-8"), self.token.encode("utf-8"))

    def host_allowed(self, request: web.Request) -> bool:
        return request.headers.get("Host", "").lower() in self.hosts

    def origin_allowed(self, request: web.Request) -> bool:
        # Browsers always send Origin on a WebSocket; a client without one is
        # not a web page acting for someone else, and still needs the token.
        origin = request.headers.get("Origin")
        return origin is None or origin_of(origin) in self.origins

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self.host_allowed(request):
            return web.Response(status=403, text="aiwire: not served under this host name\n")
        route = request.match_info.route.name
        if route == "static" or request.path.startswith("/static/"):
            return await handler(request)  # textual-serve's own scripts and fonts, no data
        if route == "websocket":
            if not self.origin_allowed(request):
                return web.Response(status=403, text="aiwire: foreign origin\n")
            if not self.token_matches(request.match_info.get("token")):
                return web.Response(status=403, text="aiwire: wrong or missing token\n")
            if self.sessions >= self.max_sessions:
                return web.Response(
                    status=503,
                    text=f"aiwire: {self.max_sessions} sessions are open already; close one\n",
                )
            return await handler(request)
        offered = request.query.get("token") or request.cookies.get(self.cookie)
        if not self.token_matches(offered):
            return web.Response(status=403, text=REFUSED_PAGE, content_type="text/html")
        response = await handler(request)
        if request.query.get("token"):
            # Reloads and the page's Restart button then work without the query.
            response.set_cookie(
                self.cookie,
                self.token,
                httponly=True,
                samesite="Strict",
                secure=(self.explicit_public_url or "").startswith("https:"),
            )
        return response

    # -- the application ---------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        # Without --public-url the page names the address it was loaded from,
        # which the Host check has vetted, so localhost and 127.0.0.1 both work.
        base = self.explicit_public_url or f"{request.scheme}://{request.host}"
        static = f"{base}/static/"
        scheme, rest = base.split(":", 1)
        socket_url = ("wss:" if scheme == "https" else "ws:") + rest + f"/ws/{self.token}"
        try:
            font_size = max(6, min(64, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        context = {
            "font_size": font_size,
            "app_websocket_url": socket_url,
            "config": {"static": {"url": static}},
            "application": {"name": "aiwire"},
        }
        page = aiohttp_jinja2.render_string("app_index.html", request, context)
        page = _REMOTE_FONT.sub("", page).replace("</head>", _LOCAL_FONT % static + "</head>", 1)
        socket_origin = ("wss:" if scheme == "https" else "ws:") + rest
        headers = {
            # Belt and braces: whatever the template asks for, the browser
            # fetches nothing from any other host.
            "Content-Security-Policy": (
                f"default-src 'self' {base}; connect-src 'self' {base} {socket_origin}; "
                f"script-src 'self' {base} 'unsafe-inline'; style-src 'self' {base} "
                f"'unsafe-inline'; img-src 'self' {base} data: blob:; font-src 'self' {base} data:"
            ),
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        }
        return web.Response(text=page, content_type="text/html", headers=headers)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def on_startup(self, app: web.Application) -> None:
        """aiwire prints its own address line; textual-serve's banner is not wanted."""

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        # No access log: request lines would carry the token into the terminal.
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            access_log=None,
            print=lambda *args: None,
        )
