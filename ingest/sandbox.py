"""Reading untrusted files in a child process with a time and a memory limit.

A PDF can be built to exhaust its reader: a 3 MB file whose content stream inflates to
gigabytes, a loop PDFium never leaves, thousands of pages. Parsing, OCR and extraction run in
a child process started from a fork server that has the reading modules loaded (so a child
starts in milliseconds and shares no threads or locks with the service). The child's address
space is capped (RLIMIT_AS); the parent waits at most the time limit and kills the child
past it. Either way only that document fails, with a reason a person can act on, and the
worker (and `avtale serve` around it) lives on.
"""

from __future__ import annotations

import importlib
import multiprocessing
import multiprocessing.connection
import multiprocessing.spawn
import resource
import threading
import traceback
from dataclasses import dataclass
from typing import Any

from ingest.pdf_reader import UnreadableDocumentError

# Imported once by the fork server, so children start with them loaded.
PRELOAD = ["ingest.sandbox_work"]
READER_NAME = "avtale-reader"
_CONTEXT_LOCK = threading.Lock()
_context: Any = None


@dataclass(frozen=True)
class ProcessLimits:
    seconds: float = 600.0
    memory_bytes: int = 2048 * 1024 * 1024


class ParseLimitError(UnreadableDocumentError):
    """The file needed more time or memory than a document may take."""


def _without_main(prepare: Any) -> Any:
    """multiprocessing re-runs the parent's main module in every child it starts (the
    `avtale` script imports the whole CLI and web app: ~0.4 s of CPU a document, more than
    reading a 20-page contract; the ingest benchmark's module ~1 s). A reader needs none of
    it: its target is named by module, so its children are told of no main module."""

    def preparation_data(name: str) -> dict[str, Any]:
        data: dict[str, Any] = prepare(name)
        if name == READER_NAME:
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
        return data

    return preparation_data


def _fork_server() -> Any:
    global _context
    with _CONTEXT_LOCK:
        if _context is None:
            spawn: Any = multiprocessing.spawn
            spawn.get_preparation_data = _without_main(spawn.get_preparation_data)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def run_limited(target: str, args: tuple[Any, ...], limits: ProcessLimits) -> Any:
    """`target(*args)` in a limited child process; `target` names a function as
    "module:function" (the parent need not import it; not in `__main__`, which the child
    does not load); its result must pickle. Its
    `UnreadableDocumentError` is raised here with the
    same message; any other error becomes a RuntimeError carrying the child's traceback."""
    context = _fork_server()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, target, args, limits.memory_bytes),
                            daemon=True, name=READER_NAME)
    child.start()
    sender.close()  # the child's end: once it exits, recv() sees EOF instead of waiting
    try:
        if not receiver.poll(limits.seconds):
            raise ParseLimitError(
                f"reading it took longer than {limits.seconds:g} seconds, the limit for one "
                "document (setting AVTALE_PARSE_TIME_LIMIT_SECONDS); the file may be damaged "
                "or built to stall a reader"
            )
        try:
            outcome, payload = receiver.recv()
        except EOFError:
            outcome, payload = "died", None
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=10)
        receiver.close()
    if outcome == "ok":
        return payload
    if outcome == "unreadable":
        raise UnreadableDocumentError(payload)
    if outcome in ("memory", "died"):
        raise ParseLimitError(
            f"reading it needed more than {limits.memory_bytes // (1024 * 1024)} MB of "
            "memory, the limit for one document (setting AVTALE_PARSE_MEMORY_LIMIT_MB); the "
            "file may be damaged or built to exhaust a reader (a decompression bomb)"
        )
    raise RuntimeError(f"the reader failed:\n{payload}")


def _child(sender: multiprocessing.connection.Connection, target: str,
           args: tuple[Any, ...], memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        module, _, name = target.partition(":")
        function = getattr(importlib.import_module(module), name)
        result: tuple[str, Any] = ("ok", function(*args))
    except UnreadableDocumentError as error:
        result = ("unreadable", str(error))
    except MemoryError:
        result = ("memory", None)
    except BaseException:
        result = ("error", traceback.format_exc())
    try:
        sender.send(result)
    except MemoryError:
        sender.send(("memory", None))
    except Exception:
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
