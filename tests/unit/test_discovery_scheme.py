"""The LAN hint's scheme: the TXT `scheme` says http or https; without it (an older version) a hint is http."""

from __future__ import annotations

import pytest

from appliance.transport.discovery import HintRegistry

SITE = "abcdefghijklmnopqrstuvwxyz"
SERVICE = "svc._passerelle._tcp.local."


@pytest.mark.parametrize(
    ("scheme", "addresses", "expected"),
    [
        (None, ["192.168.1.20"], ["http://192.168.1.20:8443"]),  # an announcement from before the property
        ("http", ["192.168.1.20"], ["http://192.168.1.20:8443"]),
        ("https", ["192.168.1.20"], ["https://192.168.1.20:8443"]),
        ("https", ["2001:db8::5", "fe80::1"], ["https://[2001:db8::5]:8443"]),
        ("ftp", ["192.168.1.20"], []),  # not a way to reach a peer endpoint
        ("", ["192.168.1.20"], []),
        ("https://evil.example/", ["192.168.1.20"], []),  # the URL is built here, never taken from the LAN
    ],
)
def test_the_scheme_property_decides_the_hint_url(
    scheme: str | None, addresses: list[str], expected: list[str]
) -> None:
    registry = HintRegistry()
    assert registry.put(SERVICE, SITE, addresses, 8443, scheme) is bool(expected)
    assert registry.hints(SITE) == expected


def test_a_site_switching_to_https_replaces_its_http_hint() -> None:
    registry = HintRegistry()
    registry.put(SERVICE, SITE, ["10.0.0.1"], 8443)
    registry.put(SERVICE, SITE, ["10.0.0.1"], 8443, "https")
    assert registry.hints(SITE) == ["https://10.0.0.1:8443"]
    registry.put(SERVICE, SITE, ["10.0.0.1"], 8443, "gopher")  # an unusable update forgets the service
    assert registry.hints(SITE) == [] and len(registry) == 0
