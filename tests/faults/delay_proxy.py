"""A TCP proxy that holds every byte for a fixed time in each direction (netem is absent on this kernel).

    python -m tests.faults.delay_proxy --listen 0.0.0.0:19090 --target 10.213.2.2:18443 --delay-ms 40

Each direction keeps a queue of (deadline, bytes); a writer forwards each block once its deadline has
passed, so the added latency does not depend on throughput (unlike a sleep per read). Run by the fault
suite inside the router namespace only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import time

STATS = {"connections": 0, "bytes": 0}


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def forward() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        with contextlib.suppress(OSError):
            writer.write_eof()

    task = asyncio.create_task(forward())
    try:
        while True:
            data = await reader.read(65536)
            STATS["bytes"] += len(data)
            await queue.put((time.monotonic() + delay, data))
            if not data:
                break
        await task
    except (ConnectionError, OSError):
        task.cancel()
    finally:
        writer.close()


async def _handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter, host: str, port: int,
                  delay: float) -> None:
    try:
        server_r, server_w = await asyncio.open_connection(host, port)
    except OSError:
        client_w.close()
        return
    STATS["connections"] += 1
    for w in (client_w, server_w):
        sock = w.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    await asyncio.gather(_pump(client_r, server_w, delay), _pump(server_r, client_w, delay),
                         return_exceptions=True)


async def serve(listen: str, target: str, delay_ms: int, stats: str) -> None:
    lhost, lport = listen.rsplit(":", 1)
    thost, tport = target.rsplit(":", 1)
    server = await asyncio.start_server(
        lambda r, w: _handle(r, w, thost, int(tport), delay_ms / 1000.0), lhost, int(lport), reuse_address=True)
    async with server:
        while True:  # the stats file tells the test the proxy really carried the transfer
            await asyncio.sleep(0.5)
            if stats:
                with open(stats + ".tmp", "w", encoding="utf-8") as handle:
                    json.dump(STATS, handle)
                os.replace(stats + ".tmp", stats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listen", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--delay-ms", type=int, required=True)
    parser.add_argument("--stats", default="", help="JSON file updated twice a second: connections, bytes")
    args = parser.parse_args()
    asyncio.run(serve(args.listen, args.target, args.delay_ms, args.stats))


if __name__ == "__main__":
    main()
