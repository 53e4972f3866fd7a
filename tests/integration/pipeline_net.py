"""Two appliances between two real Orthancs, for the end-to-end pipeline tests.

    net = make_network(tmp_path)          # sites A and B, B's directory entry lists DOCTOR^REFERRING
    with start_pacs(net) as (pacs_a, pacs_b):
        configure(net, pacs_a, pacs_b)    # settings.toml of both sites, the routing rule on A
"""

from __future__ import annotations

import asyncio
import json
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid

from appliance.hl7.mllp import END_BLOCK, frame
from appliance.service.engine import Engine
from appliance.service.site import open_site
from tests.integration import peers
from tests.integration.appliance_proc import SiteHome, cli, init_site, query, serve, sign_and_trust

REFERRING = "DOCTOR^REFERRING"


@dataclass
class Network:
    root: Path
    a: SiteHome
    b: SiteHome
    hl7_port: int


def make_network(root: Path) -> Network:
    """Two sites trusting one operator; B's directory entry carries its referring physicians list."""
    root.mkdir(parents=True, exist_ok=True)
    a, b = init_site(root, "CHU de Liège"), init_site(root, "CHR Citadelle")
    entry_b = root / f"{b.home.name}.json"
    data = json.loads(entry_b.read_text())
    data["referring_physicians"] = [REFERRING]
    entry_b.write_text(json.dumps(data))
    sign_and_trust(root, (a, b))
    return Network(root, a, b, peers.free_port())


def set_settings(site: SiteHome, **changes: object) -> None:
    path = site.home / "settings.toml"
    data = tomllib.loads(path.read_text())
    data.update(changes)
    path.write_text(tomli_w.dumps(data))


@contextmanager
def start_pacs(net: Network, nodelay_b: bool = True, plugins_b: bool = False, dicom_port_b: int | None = None,
               http_port_b: int | None = None) -> Iterator[tuple[peers.Orthanc, peers.Orthanc]]:
    with peers.start_orthanc(net.root, aet="PACSA", modalities={"passa": ("PASSA", "127.0.0.1", net.a.dicom_port)}) \
            as pacs_a, peers.start_orthanc(net.root, aet="PACSB", nodelay=nodelay_b, plugins=plugins_b,
                                           dicom_port=dicom_port_b, http_port=http_port_b) as pacs_b:
        yield pacs_a, pacs_b


def configure(net: Network, pacs_a: peers.Orthanc, pacs_b: peers.Orthanc, **b_changes: object) -> None:
    common = {"bind_host": "127.0.0.1", "routing_interval_s": 1, "routing_look_back_days": 36500,
              "routing_debounce_s": 0.5, "min_free_mb": 0}
    set_settings(net.a, aet="PASSA", pacs=f"PACSA@127.0.0.1:{pacs_a.dicom_port}", **common)
    b = {"aet": "PASSB", "pacs": f"PACSB@127.0.0.1:{pacs_b.dicom_port}", "hl7_port": net.hl7_port,
         "local_issuer": "CHR"}
    set_settings(net.b, **common | b | b_changes)
    cli("rules", "add", "--site", net.b.name, "--referring-from-directory", "--home", str(net.a.home))


def variant(files: list[Path], folder: Path, count: int, other_ids: tuple[tuple[str, str], ...] = (),
            **changes: str) -> list[Path]:
    """`count` copies of `files` as a new study with these attributes (and Other Patient IDs items)."""
    folder.mkdir(parents=True, exist_ok=True)
    study_uid, series_map, out = generate_uid(), {}, []
    for n, path in enumerate(files[:count]):
        ds = dcmread(path)
        ds.StudyInstanceUID = study_uid
        ds.SeriesInstanceUID = series_map.setdefault(ds.SeriesInstanceUID, generate_uid())
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        for key, value in changes.items():
            setattr(ds, key, value)
        if other_ids:
            items = []
            for value, issuer in other_ids:
                item = Dataset()
                item.PatientID, item.IssuerOfPatientID = value, issuer
                items.append(item)
            ds.OtherPatientIDsSequence = Sequence(items)
        target = folder / f"V{n:04d}.dcm"
        ds.save_as(target, enforce_file_format=True)
        out.append(target)
    return out


def added_series(files: list[Path], folder: Path, count: int) -> list[Path]:
    """`count` new instances in a new series of the same study."""
    folder.mkdir(parents=True, exist_ok=True)
    series_uid, out = generate_uid(), []
    for n, path in enumerate(files[:count]):
        ds = dcmread(path)
        ds.SeriesInstanceUID, ds.SeriesNumber = series_uid, 99
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        ds.save_as(folder / f"S{n:04d}.dcm", enforce_file_format=True)
        out.append(folder / f"S{n:04d}.dcm")
    return out


def study_uid_of(files: list[Path]) -> str:
    return str(dcmread(files[0], stop_before_pixels=True).StudyInstanceUID)


def adt_a28(control: str, local_id: str, name: str, birth: str, sex: str, niss: str) -> str:
    return (f"MSH|^~\\&|HIS|CHR|PASSERELLE|CHR|20261123120000||ADT^A28^ADT_A05|{control}|P|2.5\r"
            f"EVN|A28|20261123120000\r"
            f"PID|1||{local_id}^^^CHR^MR~{niss}^^^NISS^NN||{name}||{birth}|{sex}\r")


def send_adt(port: int, messages: list[str]) -> list[str]:
    """Send ADT messages over a real MLLP socket; returns the MSA-1 code of each ACK."""
    async def run() -> list[str]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        codes = []
        for message in messages:
            writer.write(frame(message))
            await writer.drain()
            ack = (await reader.readuntil(END_BLOCK)).decode()
            codes.append(next(x for x in ack.split("\r") if x.startswith("MSA")).split("|")[1])
        writer.close()
        await writer.wait_closed()
        return codes
    return asyncio.run(run())


def incoming_state(site: SiteHome, study_uid: str) -> tuple[str, str]:
    rows = query(site, "SELECT state, reason FROM transfers WHERE direction = 'in' AND study_uid = ? "
                       "ORDER BY created_at DESC LIMIT 1", (study_uid,))
    return (str(rows[0]["state"]), str(rows[0]["reason"])) if rows else ("", "")


def orthanc_instances(pacs: peers.Orthanc, study_uid: str) -> list[dict[str, object]]:
    """Simplified tags of every instance of a study in an Orthanc ([] when it does not hold it)."""
    found = pacs.rest("POST", "/tools/lookup", study_uid.encode())
    if not isinstance(found, list) or not found:
        return []
    instances = pacs.rest("GET", f"/studies/{found[0]['ID']}/instances")
    assert isinstance(instances, list)
    out = []
    for item in instances:
        tags = pacs.rest("GET", f"/instances/{item['ID']}/tags?simplify")
        assert isinstance(tags, dict)
        out.append(tags)
    return out


@contextmanager
def twins_at_b(net: Network, manual_grace_s: float) -> Iterator[tuple[Engine, peers.Orthanc, peers.Orthanc]]:
    """Both Orthancs, site A serving, site B's engine in this process (to decide review cases the way the GUI
    does) with twins in its index: CHR-2001 LAMBERT^MARIE and CHR-2002 LAMBERT^ANNE, born 2010-03-04."""
    csv = net.root / "twins.csv"
    csv.write_text("id,family_name,given_name,birth_date,sex,niss\n"
                   "CHR-2001,LAMBERT,MARIE,20100304,F,\nCHR-2002,LAMBERT,ANNE,20100304,F,\n")
    with start_pacs(net) as (pacs_a, pacs_b):
        configure(net, pacs_a, pacs_b, hl7_port=0, manual_grace_s=manual_grace_s)
        engine = Engine(open_site(net.b.home))
        engine.start()
        try:
            assert engine.call(engine.import_patients(csv, "tester")).result(timeout=30) == 2
            with serve(net.a):
                yield engine, pacs_a, pacs_b
        finally:
            engine.stop()
