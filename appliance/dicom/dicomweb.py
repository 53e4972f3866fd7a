"""DICOMweb client towards a PACS: QIDO-RS search, STOW-RS upload from disk, WADO-RS retrieve into the spool.

Nothing here holds a whole study in memory: STOW-RS bodies are streamed from the files in blocks, WADO-RS
answers are read part by part into spool temp files and handed to Ingest. Query results carry patient data:
they are returned to the caller and never logged (only UIDs and counts are).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

from appliance.dicom.ingest import Ingest
from appliance.dicom.outgoing import OutgoingInstance, as_stored
from appliance.errors import DicomPeerError, InvalidDicom

log = logging.getLogger(__name__)

DICOM_JSON = "application/dicom+json"
BLOCK = 1 << 20
STOW_BATCH_BYTES = 64 << 20  # one STOW-RS request carries at most about this much
STOW_BATCH_FILES = 200
STUDY_UID = "0020000D"
SERIES_UID = "0020000E"
SOP_UID = "00080018"
STUDY_INSTANCES = "00201208"  # NumberOfStudyRelatedInstances
SERIES_INSTANCES = "00201209"  # NumberOfSeriesRelatedInstances
FAILED_SOP_SEQUENCE = "00081198"
REFERENCED_SOP_SEQUENCE = "00081199"

DicomJson = dict[str, Any]


def values(item: DicomJson, tag: str) -> list[str]:
    """Every value of `tag` in a DICOM JSON object as text; PN values give their Alphabetic form."""
    found = item.get(tag, {}).get("Value") or []
    return [str(v.get("Alphabetic", "")) if isinstance(v, dict) else str(v) for v in found]


def value(item: DicomJson, tag: str) -> str:
    """The first value of `tag` in a DICOM JSON object as text ('' when absent)."""
    found = values(item, tag)
    return found[0] if found else ""


@dataclass(frozen=True)
class StowResult:
    """What a STOW-RS upload stored and refused (by SOP Instance UID count)."""

    sent: int
    stored: int
    failed: int


class DicomWebClient:
    """An aiohttp session against one DICOMweb root (e.g. http://pacs:8042/dicom-web)."""

    def __init__(self, base_url: str, timeout_s: float = 300.0, session: aiohttp.ClientSession | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout_s, sock_connect=10)
        self._session = session
        self._owns_session = session is None

    async def __aenter__(self) -> DicomWebClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None

    # -- QIDO-RS ----------------------------------------------------------------------------------
    async def _qido(self, path: str, query: dict[str, str], fields: Sequence[str]) -> list[DicomJson]:
        params: list[tuple[str, str]] = [*query.items(), *(("includefield", f) for f in fields)]
        try:
            async with self.session.get(f"{self.base_url}{path}", params=params,
                                        headers={"Accept": DICOM_JSON}) as response:
                if response.status == 204:
                    return []
                if response.status != 200:
                    raise DicomPeerError(f"QIDO-RS {path} at {self.base_url} answered HTTP {response.status}")
                found = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DicomPeerError(f"QIDO-RS to {self.base_url} failed: {_why(exc)}") from exc
        if not isinstance(found, list):
            raise DicomPeerError(f"QIDO-RS at {self.base_url} did not answer a JSON list")
        log.info("QIDO-RS %s at %s: %d matches", path, self.base_url, len(found))
        return [item for item in found if isinstance(item, dict)]

    async def search_studies(self, query: dict[str, str], fields: Sequence[str] = ()) -> list[DicomJson]:
        """QIDO-RS /studies with attribute=value matching (keywords or tags) and extra include fields."""
        return await self._qido("/studies", query, [STUDY_INSTANCES, *fields])

    async def search_series(self, study_uid: str, fields: Sequence[str] = ()) -> list[DicomJson]:
        return await self._qido(f"/studies/{study_uid}/series", {}, [SERIES_INSTANCES, *fields])

    async def series_instance_counts(self, study_uid: str) -> dict[str, int]:
        """Each series of a study with NumberOfSeriesRelatedInstances as the PACS reports it."""
        return {value(item, SERIES_UID): int(value(item, SERIES_INSTANCES) or 0)
                for item in await self.search_series(study_uid) if value(item, SERIES_UID)}

    async def search_instances(self, study_uid: str, series_uid: str = "") -> list[DicomJson]:
        path = f"/studies/{study_uid}/series/{series_uid}" if series_uid else f"/studies/{study_uid}"
        return await self._qido(f"{path}/instances", {}, [])

    async def study_instance_uids(self, study_uid: str) -> set[str]:
        """The SOP Instance UIDs the PACS holds for a study (empty when it does not know the study)."""
        return {value(item, SOP_UID) for item in await self.search_instances(study_uid)} - {""}

    async def study_instance_count(self, study_uid: str) -> int:
        """NumberOfStudyRelatedInstances as the PACS reports it (0 when it does not know the study)."""
        found = await self.search_studies({STUDY_UID: study_uid})
        return int(value(found[0], STUDY_INSTANCES) or 0) if found else 0

    # -- STOW-RS ----------------------------------------------------------------------------------
    async def store_files(self, files: Sequence[Path], study_uid: str = "") -> StowResult:
        """STOW-RS the files as they are (Part 10), in batches, each body streamed from disk."""
        sent = stored = failed = 0
        for batch in batches_of(files):
            result = await self.stow_instances([as_stored(p) for p in batch], study_uid)
            sent += result.sent
            stored += result.stored
            failed += result.failed
        log.info("STOW-RS to %s: %d sent, %d stored, %d refused", self.base_url, sent, stored, failed)
        return StowResult(sent, stored, failed)

    async def stow_instances(self, instances: Sequence[OutgoingInstance], study_uid: str = "") -> StowResult:
        """One STOW-RS request carrying these instances; the body is streamed (headers from memory, the rest
        read from the spool files block by block)."""
        boundary = f"passerelle-{uuid.uuid4().hex}"
        part_head = f"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n".encode()
        tail = f"--{boundary}--\r\n".encode()
        length = sum(len(part_head) + len(i.file_header()) + i.dataset_length + 2 for i in instances) + len(tail)
        headers = {
            "Content-Type": f'multipart/related; type="application/dicom"; boundary={boundary}',
            "Content-Length": str(length),
            "Accept": DICOM_JSON,
        }
        path = f"/studies/{study_uid}" if study_uid else "/studies"
        try:
            async with self.session.post(f"{self.base_url}{path}", data=_stream_parts(instances, part_head, tail),
                                         headers=headers) as response:
                body = await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise DicomPeerError(f"STOW-RS to {self.base_url} failed: {_why(exc)}") from exc
        if status not in (200, 202, 409):
            raise DicomPeerError(f"STOW-RS to {self.base_url} answered HTTP {status}")
        return _stow_result(body, len(instances), status)

    # -- WADO-RS ----------------------------------------------------------------------------------
    async def retrieve_study(self, study_uid: str, ingest: Ingest, source: str = "wado-rs",
                             series_uid: str = "") -> int:
        """WADO-RS a whole study (or one of its series) into the spool through Ingest, one part at a time.
        Returns instances stored."""
        headers = {"Accept": 'multipart/related; type="application/dicom"'}
        stored = 0
        path = f"/studies/{study_uid}" + (f"/series/{series_uid}" if series_uid else "")
        try:
            async with self.session.get(f"{self.base_url}{path}", headers=headers) as response:
                if response.status != 200:
                    raise DicomPeerError(f"WADO-RS of study {study_uid} at {self.base_url} answered "
                                         f"HTTP {response.status}")
                reader = aiohttp.MultipartReader.from_response(response)
                while True:
                    part = await reader.next()
                    if part is None:
                        break
                    if not isinstance(part, aiohttp.BodyPartReader):
                        raise InvalidDicom("WADO-RS answer holds a nested multipart, not DICOM instances")
                    await self._ingest_part(part, ingest, source)
                    stored += 1
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DicomPeerError(f"WADO-RS from {self.base_url} failed: {_why(exc)}") from exc
        log.info("WADO-RS of study %s from %s: %d instances", study_uid, self.base_url, stored)
        return stored

    async def _ingest_part(self, part: aiohttp.BodyPartReader, ingest: Ingest, source: str) -> None:
        tmp = ingest.spool.temp_path()
        try:
            with open(tmp, "wb") as handle:
                while True:
                    block = await part.read_chunk(BLOCK)
                    if not block:
                        break
                    await asyncio.to_thread(handle.write, block)
            await asyncio.to_thread(ingest.store_file, tmp, source)
        finally:
            tmp.unlink(missing_ok=True)


def _why(exc: BaseException) -> str:
    """An error's kind and text, without the request URL (its query may carry patient data)."""
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"{type(exc).__name__} HTTP {exc.status}"
    return f"{type(exc).__name__} {exc}".strip()


def batches_of(files: Sequence[Path], max_bytes: int = STOW_BATCH_BYTES,
               max_files: int = STOW_BATCH_FILES) -> list[list[Path]]:
    """Consecutive slices of `files`, each at most about `max_bytes` and `max_files` (one STOW-RS request)."""
    batches: list[list[Path]] = []
    current: list[Path] = []
    size = 0
    for path in files:
        length = os.path.getsize(path)
        if current and (size + length > max_bytes or len(current) >= max_files):
            batches.append(current)
            current, size = [], 0
        current.append(path)
        size += length
    if current:
        batches.append(current)
    return batches


async def _stream_parts(instances: Sequence[OutgoingInstance], part_head: bytes, tail: bytes) -> AsyncIterator[bytes]:
    for instance in instances:
        yield part_head
        blocks = instance.part10_blocks(BLOCK)
        try:
            while block := await asyncio.to_thread(next, blocks, b""):
                yield block
        finally:
            blocks.close()
        yield b"\r\n"
    yield tail


def _stow_result(body: bytes, sent: int, status: int) -> StowResult:
    """Count referenced and failed SOPs in a STOW-RS answer (an object or a one-element list)."""
    try:
        parsed: Any = json.loads(body) if body else {}
    except ValueError as exc:
        raise DicomPeerError(f"STOW-RS answer (HTTP {status}) is not DICOM JSON") from exc
    if isinstance(parsed, list):
        parsed = parsed[0] if parsed else {}
    if not isinstance(parsed, dict):
        raise DicomPeerError(f"STOW-RS answer (HTTP {status}) is not a DICOM JSON object")
    stored = len(parsed.get(REFERENCED_SOP_SEQUENCE, {}).get("Value") or [])
    failed = len(parsed.get(FAILED_SOP_SEQUENCE, {}).get("Value") or [])
    return StowResult(sent=sent, stored=stored, failed=failed)
