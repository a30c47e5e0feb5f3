"""A gunicorn worker that reads each whole request on an event loop, then runs the app on a thread pool.

gunicorn's threaded worker hands a connection to an application thread before its body has arrived, so a few
clients that send slowly hold every thread. Here tornado's HTTP server buffers headers and body on its event
loop (up to the 2 MB limit, with header and body timeouts); only complete requests reach the thread pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import tornado.httpserver
from gunicorn.workers.gtornado import TornadoWorker
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.wsgi import WSGIContainer

MAX_BODY = 2 * 1024 * 1024 + 64 * 1024  # the webhook's limit plus headroom; the app answers 413 itself
BODY_TIMEOUT_S = 15.0  # a body still arriving after this is dropped
IDLE_TIMEOUT_S = 30.0  # a connection sending nothing (not even headers) is closed


class BufferedWorker(TornadoWorker):
    """gunicorn's tornado worker, with the WSGI app on `threads` threads and bounded request sizes and times."""

    def run(self) -> None:
        """Serve the listening sockets until gunicorn asks this worker to stop."""
        logging.getLogger("tornado.access").setLevel(logging.WARNING)  # gunicorn's access log is written instead
        self.ioloop = IOLoop.current()
        self.alive = True
        self.server_alive = True
        self.callbacks = [PeriodicCallback(self.watchdog, 1000), PeriodicCallback(self.heartbeat, 1000)]
        for callback in self.callbacks:
            callback.start()
        pool = ThreadPoolExecutor(max_workers=max(2, self.cfg.threads), thread_name_prefix="app")
        container = WSGIContainer(self._logged(self.wsgi), executor=pool)
        worker = self

        class Server(tornado.httpserver.HTTPServer):
            def on_close(self, server_conn: object) -> None:
                worker.handle_request()
                super().on_close(server_conn)

        server = Server(container, max_body_size=MAX_BODY, body_timeout=BODY_TIMEOUT_S,
                        idle_connection_timeout=IDLE_TIMEOUT_S, no_keep_alive=self.cfg.keepalive <= 0,
                        xheaders=False)
        self.server = server
        for sock in self.sockets:
            sock.setblocking(False)
            server.add_socket(sock)
        self.ioloop.start()
        pool.shutdown(wait=True, cancel_futures=False)

    def _logged(self, app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
        """The app, writing gunicorn's access log line (its access_log_format) for every request."""
        def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            started = time.monotonic()
            query = environ.get("QUERY_STRING", "")
            environ.setdefault("RAW_URI", environ.get("PATH_INFO", "") + (f"?{query}" if query else ""))
            seen: dict[str, Any] = {}

            def remember(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                seen.update(status=status, headers=headers)
                return start_response(status, headers, exc_info)

            result = app(environ, remember)
            try:
                data = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
            response = SimpleNamespace(status=seen.get("status", "500"), sent=len(data),
                                       headers=seen.get("headers", []))
            request = SimpleNamespace(headers=[(k[5:].replace("_", "-"), str(v)) for k, v in environ.items()
                                               if k.startswith("HTTP_")])
            self.log.access(response, request, environ, timedelta(seconds=time.monotonic() - started))
            return [data]

        return wsgi
