"""A real HTTP server on loopback, and a raw client that streams a body in chunks.

TestClient hands the app the whole body at once, so it cannot show whether the server
answers (and hangs up) before a large body has arrived; a socket can.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

CHUNK = 64 * 1024


@contextmanager
def live_server(app: FastAPI) -> Iterator[tuple[str, int]]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@dataclass
class StreamedReply:
    sent: int  # body bytes the server took before it answered or hung up
    status: int | None  # None: it hung up without an answer we could read
    head_and_body: bytes
    closed: bool  # the server closed the connection after answering

    @property
    def text(self) -> str:
        return self.head_and_body.decode("utf-8", "replace")


def stream_body(
    address: tuple[str, int], path: str, *, headers: dict[str, str], prefix: bytes,
    declared_length: int, give_up_after: int,
) -> StreamedReply:
    """POST `prefix` and then zeros, with `Content-Length: declared_length`, chunk by chunk,
    until the server answers or closes, or `give_up_after` body bytes were sent."""
    conn = socket.create_connection(address, timeout=30)
    head = f"POST {path} HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {declared_length}\r\n\r\n"
    conn.sendall(head.encode())
    sent = 0
    reply = b""
    filler = b"0" * CHUNK
    try:
        pending = prefix
        while sent < give_up_after:
            readable, _, _ = select.select([conn], [], [], 0)
            if readable:
                break
            chunk = pending or filler
            pending = b""
            conn.sendall(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    closed = False
    try:
        while True:
            data = conn.recv(CHUNK)
            if not data:
                closed = True
                break
            reply += data
    except ConnectionResetError:
        closed = True
    except TimeoutError:
        closed = False
    finally:
        conn.close()
    status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else None
    return StreamedReply(sent=sent, status=status, head_and_body=reply, closed=closed)
