"""Load generators of the search benchmark: concurrent clients sending a mix of searches.

Two, because the machine has few cores and the load generator competes with the server for
them:

- `threads`: httpx clients on threads of the benchmark's own process. Each request costs the
  client about as much CPU as the server spends on a cheap search, so on two cores this
  measures the pair, not the server.
- `wrk`: Debian's `wrk` (C, event loop) with a Lua script that sends the same mix with the
  viewer's token; it costs the server's cores little, so it is closer to what the server
  can do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

LOADS = ("threads", "wrk")


def search_path(params: dict[str, Any]) -> str:
    return "/api/v1/search?" + urlencode(params, doseq=True)


def timed_http(client: httpx.Client, params: dict[str, Any]) -> tuple[float, bool]:
    sent = time.perf_counter()
    response = client.get("/api/v1/search", params=params)
    elapsed = (time.perf_counter() - sent) * 1000
    if response.status_code != 200:
        print(f"HTTP {response.status_code} for {params}: {response.text[:200]}")
        return elapsed, False
    return elapsed, True


def thread_load(url: str, token: str, mix: list[dict[str, Any]], clients: int,
                seconds: float) -> tuple[int, int, float]:
    """(requests, errors, elapsed) of `clients` threads sending `mix` round-robin."""
    counts = [0] * clients
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def client_loop(number: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                          timeout=120) as client:
            position = number * 7
            while time.perf_counter() < stop:
                _, ok = timed_http(client, mix[position % len(mix)])
                position += 1
                counts[number] += 1
                errors[number] += not ok

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), sum(errors), time.perf_counter() - started


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


_LUA = """
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1],
                    {["Authorization"] = "Bearer %(token)s"})
end
"""


def wrk_load(url: str, token: str, mix: list[dict[str, Any]], clients: int,
             seconds: float) -> tuple[int, int, float]:
    """(requests, errors, elapsed) of wrk with `clients` connections on one thread."""
    paths = ", ".join(_lua_string(search_path(params)) for params in mix)
    with tempfile.TemporaryDirectory(prefix="avtale-wrk-") as tmp:
        script = Path(tmp) / "mix.lua"
        script.write_text(_LUA % {"paths": paths, "token": token})
        # One wrk thread: a second would take a core from the server it measures.
        result = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "60s",
             "-s", str(script), url],
            capture_output=True, text=True, check=True,
        )
    return parse_wrk(result.stdout)


def parse_wrk(output: str) -> tuple[int, int, float]:
    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    if done is None:
        raise RuntimeError(f"unexpected wrk output: {output}")
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[done.group(3)]
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", output)
    errors = int(failed.group(1)) if failed else 0
    if socket_errors:
        errors += sum(int(group) for group in socket_errors.groups())
    return int(done.group(1)), errors, float(done.group(2)) * scale


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
