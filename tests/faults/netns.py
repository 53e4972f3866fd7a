"""Three hosts made by the test itself: sender and receiver network namespaces joined through a router.

    sender ns [s0 10.213.1.2]==veth==[r0 10.213.1.1] router ns [r1 10.213.2.1]==veth==[v0 10.213.2.2] receiver ns

Every fault is applied inside the router namespace only (its own nftables table, a tbf qdisc on its
link towards the receiver, that link set down/up, a delaying TCP proxy), so nothing outside the test's
namespaces is touched. Names carry a random token, so parallel or leftover runs never collide. `close()`
kills whatever still runs in the namespaces (only processes the test started live there) and deletes
them, which also removes the veths, qdiscs and nftables tables they hold.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SENDER_ADDR = "10.213.1.2"
ROUTER_SENDER_SIDE = "10.213.1.1"
ROUTER_RECEIVER_SIDE = "10.213.2.1"
RECEIVER_ADDR = "10.213.2.2"
NFT_TABLE = "pfault"


def run(*args: str, check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


@dataclass
class Topology:
    """The namespaces, their links, and the faults currently applied in the router."""

    token: str = field(default_factory=lambda: uuid.uuid4().hex[:5])
    created: list[str] = field(default_factory=list)
    proxies: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def sender(self) -> str:
        return f"pf{self.token}-snd"

    @property
    def router(self) -> str:
        return f"pf{self.token}-rtr"

    @property
    def receiver(self) -> str:
        return f"pf{self.token}-rcv"

    @property
    def wan(self) -> str:
        """The router's interface towards the receiver: where loss, slowness and cuts happen."""
        return f"pf{self.token}r1"

    def ns(self, namespace: str, *args: str, check: bool = True,
           timeout: float = 30) -> subprocess.CompletedProcess[str]:
        return run("ip", "netns", "exec", namespace, *args, check=check, timeout=timeout)

    # -- build and tear down ------------------------------------------------------------------------
    def build(self) -> Topology:
        for name in (self.sender, self.router, self.receiver):
            run("ip", "netns", "add", name)
            self.created.append(name)
            self.ns(name, "ip", "link", "set", "lo", "up")
        s0, r0, r1, v0 = f"pf{self.token}s0", f"pf{self.token}r0", self.wan, f"pf{self.token}v0"
        run("ip", "link", "add", s0, "netns", self.sender, "type", "veth", "peer", "name", r0, "netns", self.router)
        run("ip", "link", "add", r1, "netns", self.router, "type", "veth", "peer", "name", v0, "netns", self.receiver)
        for namespace, dev, addr in ((self.sender, s0, SENDER_ADDR), (self.router, r0, ROUTER_SENDER_SIDE),
                                     (self.router, r1, ROUTER_RECEIVER_SIDE), (self.receiver, v0, RECEIVER_ADDR)):
            self.ns(namespace, "ip", "addr", "add", f"{addr}/24", "dev", dev)
            self.ns(namespace, "ip", "link", "set", dev, "up")
        self.ns(self.sender, "ip", "route", "add", "default", "via", ROUTER_SENDER_SIDE)
        self.ns(self.receiver, "ip", "route", "add", "default", "via", ROUTER_RECEIVER_SIDE)
        self.ns(self.router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
        return self

    def close(self) -> None:
        """Best effort and idempotent: runs from fixtures' finally blocks, even after a failed build."""
        for proxy in self.proxies:
            _stop(proxy)
        self.proxies.clear()
        for name in reversed(self.created):
            pids = run("ip", "netns", "pids", name, check=False).stdout.split()
            for pid in pids:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
            deadline = time.monotonic() + 10
            while run("ip", "netns", "pids", name, check=False).stdout.strip() and time.monotonic() < deadline:
                time.sleep(0.1)
            run("ip", "netns", "del", name, check=False)
        self.created.clear()

    # -- faults (router namespace only) ---------------------------------------------------------------
    def clear_faults(self) -> None:
        """Back to a clean link: no nftables table, no qdisc, link up, no proxy."""
        for proxy in self.proxies:
            _stop(proxy)
        self.proxies.clear()
        self.ns(self.router, "nft", "delete", "table", "inet", NFT_TABLE, check=False)
        self.ns(self.router, "nft", "delete", "table", "ip", NFT_TABLE, check=False)
        self.ns(self.router, "tc", "qdisc", "del", "dev", self.wan, "root", check=False)
        self.link_up()

    def _table(self) -> None:
        self.ns(self.router, "nft", "add", "table", "inet", NFT_TABLE)
        self.ns(self.router, "nft", "add", "chain", "inet", NFT_TABLE, "lossy",
                "{ type filter hook forward priority 0 ; policy accept ; }")

    def drop_random(self, port: int, percent: int) -> None:
        """Drop `percent`% of forwarded packets to and from the receiver's `port`, both directions."""
        self._table()
        for match in ("dport", "sport"):
            self.ns(self.router, "nft", "add", "rule", "inet", NFT_TABLE, "lossy", "tcp", match, str(port),
                    "numgen", "random", "mod", "100", "<", str(percent), "counter", "drop")

    def dropped(self) -> int:
        """Packets the loss rules dropped so far."""
        listing = self.ns(self.router, "nft", "list", "table", "inet", NFT_TABLE, check=False).stdout
        total = 0
        for line in listing.splitlines():
            words = line.split()
            if "counter" in words and "drop" in words:
                total += int(words[words.index("packets") + 1])
        return total

    def slow_link(self, rate: str, burst: str = "32kb", latency: str = "400ms") -> None:
        """A token bucket on the router's link towards the receiver (the direction the chunks travel)."""
        self.ns(self.router, "tc", "qdisc", "replace", "dev", self.wan, "root", "tbf", "rate", rate, "burst", burst,
                "latency", latency)

    def link_down(self) -> None:
        self.ns(self.router, "ip", "link", "set", self.wan, "down")

    def link_up(self) -> None:
        self.ns(self.router, "ip", "link", "set", self.wan, "up")

    def delay_through_proxy(self, port: int, delay_ms: int, stats: Path, proxy_port: int = 19090) -> None:
        """Send every connection to RECEIVER_ADDR:port through a delaying proxy in the router (nft redirect)."""
        proxy = subprocess.Popen(
            ["ip", "netns", "exec", self.router, sys.executable, "-m", "tests.faults.delay_proxy",
             "--listen", f"0.0.0.0:{proxy_port}", "--target", f"{RECEIVER_ADDR}:{port}", "--delay-ms", str(delay_ms),
             "--stats", str(stats)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.proxies.append(proxy)
        deadline = time.monotonic() + 15
        while not self.can_connect(self.router, "127.0.0.1", proxy_port):
            if proxy.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the delaying proxy did not start")
            time.sleep(0.1)
        self.ns(self.router, "nft", "add", "table", "ip", NFT_TABLE)
        self.ns(self.router, "nft", "add", "chain", "ip", NFT_TABLE, "natpre",
                "{ type nat hook prerouting priority -100 ; policy accept ; }")
        self.ns(self.router, "nft", "add", "rule", "ip", NFT_TABLE, "natpre", "ip", "daddr", RECEIVER_ADDR, "tcp",
                "dport", str(port), "redirect", "to", f":{proxy_port}")

    def clear_proxy(self) -> None:
        self.ns(self.router, "nft", "delete", "table", "ip", NFT_TABLE, check=False)
        for proxy in self.proxies:
            _stop(proxy)
        self.proxies.clear()

    def tcp_retransmissions(self, namespace: str) -> int:
        """The namespace's own TCP RetransSegs counter (/proc/net is per network namespace)."""
        lines = [line.split() for line in self.ns(namespace, "cat", "/proc/net/snmp").stdout.splitlines()
                 if line.startswith("Tcp:")]
        return int(lines[1][lines[0].index("RetransSegs")])

    # -- probes -------------------------------------------------------------------------------------
    def can_connect(self, namespace: str, host: str, port: int) -> bool:
        probe = self.ns(namespace, "bash", "-c", f"exec 3<>/dev/tcp/{host}/{port}", check=False, timeout=10)
        return probe.returncode == 0


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
