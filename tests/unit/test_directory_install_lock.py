"""Installing a directory in one process while another loads it: the reader never sees a torn install.

An install writes two files (the state, then the document). Without a lock across processes, a
`passerelle directory install` beside a running engine let the engine read the new state beside the old
document and refuse it ("does not match the recorded state")."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from appliance.directory.operator import add_site, create_operator_key, sign
from appliance.directory.trust import install, load_installed, pin_root
from tests.unit.test_directory_tooling import NOW, identity_json

VERSIONS = 40


def _reader(trust: str, stop: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    seen: set[int] = set()
    errors: list[str] = []
    deadline = time.monotonic() + 120
    while not Path(stop).exists() and time.monotonic() < deadline:
        try:
            directory = load_installed(Path(trust))
        except Exception as exc:  # the test reports every failure kind
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        if directory is not None:
            seen.add(directory.version)
    out.put((sorted(seen), errors[:3], len(errors)))


def test_load_never_sees_a_half_installed_directory(tmp_path: Path) -> None:
    key = tmp_path / "op.key"
    trust = tmp_path / "trust"
    pin_root(trust, create_operator_key(key))
    draft = tmp_path / "dir.json"
    documents: list[bytes] = []
    for n in range(VERSIONS):
        identity_json(tmp_path / f"s{n}.json", f"Site {n}")
        add_site(draft, tmp_path / f"s{n}.json")
        out = tmp_path / f"signed{n}.json"
        sign(draft, key, 30, out, now=NOW + n)
        documents.append(out.read_bytes())
    install(trust, documents[0], NOW)

    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    stop = tmp_path / "stop"
    readers = [context.Process(target=_reader, args=(str(trust), str(stop), results)) for _ in range(2)]
    for reader in readers:
        reader.start()
    time.sleep(1.0)  # the readers are importing and looping
    for n, document in enumerate(documents[1:], start=1):
        install(trust, document, NOW + n)
    stop.touch()
    reports = []
    for reader in readers:
        reports.append(results.get(timeout=90))
        reader.join(timeout=10)
    for seen, errors, count in reports:
        assert count == 0, errors
        assert len(seen) > 1, f"the reader saw versions {seen}: the installs did not overlap its loads"
