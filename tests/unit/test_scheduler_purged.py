"""What a purge took that a destination still needs, on a real SQLite database and real spool files.

`RetentionStore.purged_series_lacking` tells the routing scheduler which series to retrieve again before it
queues a site; a file retrieved again is not purged before `keep_days` passed since it arrived.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.domain import InstanceRef, TransferState
from appliance.service.spool_retention import SpoolRetention
from appliance.store.retention import RetentionStore
from appliance.store.spool import Spool
from appliance.store.state import StateStore, StudyAttributes, now_iso
from appliance.store.transfers import TransferJournal

PEER_B, PEER_C = "b" * 64, "c" * 64
STUDY = "1.2.77"
SOP_CLASS = "1.2.840.10008.5.1.4.1.1.2"


class Site:
    """One appliance's store, spool and retention (keep_days 0: purge as soon as it is safe)."""

    def __init__(self, root: Path) -> None:
        self.store = StateStore(root / "state.sqlite")
        self.spool = Spool(root / "spool", root / "quarantine")
        self.journal = TransferJournal(self.store.database)
        self.sql = RetentionStore(self.store.database)
        self.retention = SpoolRetention(self.sql, self.spool, 0)
        self._serial = 0

    def store_instances(self, series: str, count: int = 2) -> list[InstanceRef]:
        """Write and record instances of STUDY as the SCP does (a purged one is held again)."""
        refs = []
        for n in range(1, count + 1):
            relative = self.spool.relative_path(STUDY, series, f"{series}.{n}")
            size, digest = self.spool.write_stream([os.urandom(500)], self.spool.absolute(relative))
            ref = InstanceRef(STUDY, series, f"{series}.{n}", SOP_CLASS, relative, size, digest)
            assert self.store.record_instance(ref, StudyAttributes(modality="CT"), "scp")
            refs.append(ref)
        return refs

    def send(self, peer: str, delivered: bool = True) -> str:
        transfer_id, created = self.store.queue_outgoing(peer, STUDY)
        assert created
        if delivered:
            self._serial += 1
            self.journal.freeze_outgoing(transfer_id, self._serial.to_bytes(16, "big"), b"m", b"k" * 32, "h", 1)
            self.journal.delivered(transfer_id, b"signed receipt")
        return transfer_id


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    s = Site(tmp_path)
    yield s
    s.store.close()


def test_only_a_site_not_sent_the_purged_instances_lacks_them(site: Site) -> None:
    site.store_instances("1.2.77.1")
    site.store_instances("1.2.77.2")
    site.send(PEER_B)
    assert site.sql.purged_series_lacking(STUDY, PEER_C) == []  # nothing purged yet
    assert site.retention.purge().files == 4
    assert site.sql.held_per_series(STUDY) == {}
    assert site.sql.purged_series_lacking(STUDY, PEER_B) == []  # B has them all: nothing to retrieve
    assert site.sql.purged_series_lacking(STUDY, PEER_C) == ["1.2.77.1", "1.2.77.2"]

    site.store_instances("1.2.77.2")  # one series retrieved again
    assert site.sql.held_per_series(STUDY) == {"1.2.77.2": 2}
    assert site.sql.purged_series_lacking(STUDY, PEER_C) == ["1.2.77.1"]


def test_a_failed_transfer_does_not_count_as_sent(site: Site) -> None:
    """The state a purged study was left in before the fix: a transfer to C queued without files, failed."""
    site.store_instances("1.2.77.1")
    site.send(PEER_B)
    assert site.retention.purge().files == 2
    broken = site.send(PEER_C, delivered=False)
    site.store.set_transfer_state(broken, TransferState.FAILED, "instance is no longer in the spool")
    assert site.sql.purged_series_lacking(STUDY, PEER_C) == ["1.2.77.1"]
    assert site.sql.purged_series_lacking(STUDY, PEER_B) == []


def test_a_purged_file_retrieved_again_is_not_purged_before_keep_days_since_it_arrived(site: Site) -> None:
    site.store_instances("1.2.77.1")
    site.send(PEER_B)
    time.sleep(0.01)
    finished = now_iso()  # B's transfer finished before this moment
    assert [c.study_uid for c in site.sql.candidates(finished)] == [STUDY]
    marked = site.sql.mark(STUDY, finished, 0)
    assert marked is not None
    site.spool.remove_files(marked.paths)
    site.sql.finish(marked.id)
    time.sleep(0.01)
    site.store_instances("1.2.77.1")  # retrieved again for a new destination, arrived after `finished`
    assert site.sql.candidates(finished) == []  # the transfer is old enough, the files are not
    assert site.sql.mark(STUDY, finished, 0) is None
    assert [c.files for c in site.sql.candidates(now_iso())] == [2]  # keep_days since they arrived: they go
