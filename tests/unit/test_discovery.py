"""The LAN hint registry: what a zeroconf announcement may add, and what it never can."""

from __future__ import annotations

import pytest

from appliance.transport.discovery import MAX_ADDRESSES, HintRegistry, interfaces_for

SITE = "abcdefghijklmnopqrstuvwxyz"
OTHER = "zyxwvutsrqponmlkjihgfedcba"


@pytest.mark.parametrize(
    ("site_id", "addresses", "port", "expected"),
    [
        (SITE, ["192.168.1.20"], 8443, ["http://192.168.1.20:8443"]),
        (SITE.upper(), ["192.168.1.20"], 8443, ["http://192.168.1.20:8443"]),  # the key is case-insensitive
        (SITE, ["2001:db8::5"], 8443, ["http://[2001:db8::5]:8443"]),
        (SITE, ["fe80::1"], 8443, []),  # link-local IPv6 needs a scope a URL cannot carry
        (SITE, ["224.0.0.251", "0.0.0.0"], 8443, []),  # multicast, unspecified
        (SITE, ["not-an-address"], 8443, []),
        (SITE, ["192.168.1.20"], 0, []),
        (SITE, ["192.168.1.20"], 70000, []),
        (SITE, ["192.168.1.20"], None, []),
        (None, ["192.168.1.20"], 8443, []),  # no TXT site id: nothing to key it by
        ("", ["192.168.1.20"], 8443, []),
        ("../etc/passwd", ["192.168.1.20"], 8443, []),
        ("x" * 65, ["192.168.1.20"], 8443, []),
        (SITE, ["10.0.0.1", "10.0.0.1", "10.0.0.2"], 80, ["http://10.0.0.1:80", "http://10.0.0.2:80"]),
    ],
)
def test_announcements_become_hints_only_when_usable(site_id, addresses, port, expected) -> None:
    registry = HintRegistry()
    registry.put("svc._passerelle._tcp.local.", site_id, addresses, port)
    assert registry.hints(SITE) == expected


def test_hints_are_per_claimed_site_and_merge_services() -> None:
    registry = HintRegistry()
    registry.put("a._passerelle._tcp.local.", SITE, ["10.0.0.1"], 8443)
    registry.put("b._passerelle._tcp.local.", SITE, ["10.0.0.2"], 8443)  # e.g. an impostor: the handshake decides
    registry.put("c._passerelle._tcp.local.", OTHER, ["10.0.0.3"], 8443)
    assert registry.hints(SITE) == ["http://10.0.0.1:8443", "http://10.0.0.2:8443"]
    assert registry.hints(OTHER) == ["http://10.0.0.3:8443"]
    assert registry.hints("unknownsite") == []


def test_removal_and_replacement() -> None:
    registry = HintRegistry()
    registry.put("a._passerelle._tcp.local.", SITE, ["10.0.0.1"], 8443)
    registry.put("a._passerelle._tcp.local.", SITE, ["10.0.0.9"], 9000)  # an update replaces
    assert registry.hints(SITE) == ["http://10.0.0.9:9000"]
    registry.put("a._passerelle._tcp.local.", SITE, [], 9000)  # an update without addresses forgets it
    assert registry.hints(SITE) == []
    registry.put("a._passerelle._tcp.local.", SITE, ["10.0.0.1"], 8443)
    registry.drop("a._passerelle._tcp.local.")
    registry.drop("never-seen")
    assert registry.hints(SITE) == [] and len(registry) == 0


def test_registry_is_bounded() -> None:
    registry = HintRegistry(capacity=3)
    for i in range(10):
        registry.put(f"s{i}._passerelle._tcp.local.", SITE, [f"10.0.0.{i + 1}"], 8443)
    assert len(registry) == 3
    assert registry.put("s0._passerelle._tcp.local.", SITE, ["10.0.1.1"], 8443)  # known services still update
    many = [f"10.0.2.{i}" for i in range(1, 20)]
    registry.put("s1._passerelle._tcp.local.", OTHER, many, 8443)
    assert len(registry.hints(OTHER)) == MAX_ADDRESSES


@pytest.mark.parametrize(
    ("bind_host", "expected"),
    [("0.0.0.0", None), ("", None), ("::", None), ("127.0.0.1", ["127.0.0.1"]), ("192.168.1.4", ["192.168.1.4"])],
)
def test_interfaces_follow_the_bind_address(bind_host, expected) -> None:
    assert interfaces_for(bind_host) == expected
