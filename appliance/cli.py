"""The `passerelle` command: the CLI contract of DESIGN.md, one clear line on any error."""

from __future__ import annotations

import argparse
import importlib
import json
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from appliance import __version__
from appliance.errors import BadInput, ConfigError, PasserelleError
from appliance.service.logs import configure_logging
from appliance.service.settings import Settings, check_aet, check_port, default_home, parse_node

if TYPE_CHECKING:
    from appliance.service.spool_retention import SpoolRetention
    from appliance.store.state import StateStore

Handler = Callable[[argparse.Namespace], int]


def print_json(data: object) -> None:
    print(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))


def cmd_init(args: argparse.Namespace) -> int:
    from appliance.service.site import init_site

    settings = Settings(
        home=args.home,
        site_name=args.name,
        aet=check_aet(args.aet),
        dicom_port=check_port(args.dicom_port, "DICOM port"),
        http_port=check_port(args.http_port, "HTTP port"),
        pacs=parse_node(args.pacs) if args.pacs else None,
        public_url=args.public_url or "",
    )
    site = init_site(settings)
    if args.json:
        print_json(site.identity())
    else:
        print(f"site {settings.site_name!r} created in {settings.home}")
        print(f"site id:     {site.site_id}")
        print(f"fingerprint: {site.keys.fingerprint}")
    return 0


def cmd_identity(args: argparse.Namespace) -> int:
    from appliance.service.site import open_site

    site = open_site(args.home)
    if args.json:
        print_json(site.identity())
    else:
        ident = site.identity()
        print(f"{ident['name']}\n  id:          {ident['id']}\n  fingerprint: {ident['fingerprint']}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from appliance.service.engine import Engine
    from appliance.service.site import open_site

    site = open_site(args.home)
    configure_logging(site.settings.log_dir, args.verbose)
    engine = Engine(site)
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    engine.start()
    print(f"serving site {site.site_id} (DICOM {site.settings.aet}:{engine.scp.port})", flush=True)
    try:
        done.wait()
    finally:
        engine.stop()
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    # The UI is a separate package (the engine never imports Qt); load it only for this command.
    try:
        app = importlib.import_module("ui.app")
    except ImportError as exc:
        raise ConfigError(f"the desktop application is not installed here ({exc.name}); use `serve`") from exc
    result: int = app.run_gui(args.home, args.verbose)
    return result


def cmd_status(args: argparse.Namespace) -> int:
    from appliance.service.commands import status_report
    from appliance.service.engine import running_pid
    from appliance.service.site import open_site
    from appliance.store.state import StateStore

    site = open_site(args.home)
    store = StateStore(site.settings.db_path)
    try:
        pid = running_pid(args.home)
        report = status_report(site, store, "running" if pid else "stopped")
        report["spool"] = _retention(site.settings, store).status()
    finally:
        store.close()
    if args.json:
        print_json(report)
    else:
        engine_state = "running" if pid else "stopped"
        print(f"{site.settings.site_name}: engine {engine_state}, review queue {report['review_queue']}")
        spool = report["spool"]
        print(f"  spool: {_size(spool['bytes_held'])} held, "  # type: ignore[index]
              f"{_size(spool['bytes_reclaimable'])} reclaimable now")  # type: ignore[index]
        for alarm in report["alarms"]:  # type: ignore[attr-defined]
            print(f"  alarm: {alarm}")
        for t in report["transfers"]:  # type: ignore[attr-defined]
            print(f"  {t['direction']:3} {t['state']:9} {t['files_done']}/{t['files_total']} {t['study_uid']}")
    return 0


def _retention(settings: Settings, store: StateStore) -> SpoolRetention:
    from appliance.service.spool_retention import SpoolRetention
    from appliance.store.retention import RetentionStore
    from appliance.store.spool import Spool

    spool = Spool(settings.spool_dir, settings.quarantine_dir, settings.min_free_mb << 20)
    return SpoolRetention(RetentionStore(store.database), spool, settings.spool_keep_days)


def _size(count: object) -> str:
    value = float(count)  # type: ignore[arg-type]
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def cmd_spool(args: argparse.Namespace) -> int:
    """`spool purge [--dry-run]`: apply the retention policy now; prints study UIDs, counts and bytes only."""
    from appliance.service.site import open_site
    from appliance.store.state import StateStore

    site = open_site(args.home)
    configure_logging(site.settings.log_dir, args.verbose)
    store = StateStore(site.settings.db_path)
    try:
        report = _retention(site.settings, store).purge(dry_run=args.dry_run)
    finally:
        store.close()
    if args.json:
        print_json(report.as_json())
        return 0
    verb = "would free" if report.dry_run else "freed"
    for study in report.studies:
        print(f"  {study.study_uid}: {study.files} files, {_size(study.bytes)}")
    print(f"{verb} {report.files} files ({_size(report.bytes)}) of {len(report.studies)} studies "
          f"(keep_days {report.keep_days:g})")
    if report.resumed:
        print(f"finished {report.resumed} purges an interruption had left incomplete")
    if report.abandoned:
        print(f"gave up {len(report.abandoned)} partial incoming transfers without data for too long: "
              + ", ".join(report.abandoned))
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    from appliance.dicom.ingest import Ingest
    from appliance.service.commands import send_paths
    from appliance.service.site import open_site
    from appliance.store.spool import Spool
    from appliance.store.state import StateStore

    site = open_site(args.home)
    configure_logging(site.settings.log_dir, args.verbose)
    s = site.settings
    store = StateStore(s.db_path)
    try:
        ingest = Ingest(Spool(s.spool_dir, s.quarantine_dir, s.min_free_mb << 20), store, on_stored=None)
        report = send_paths(site, store, ingest, [Path(p) for p in args.paths], args.to)
    finally:
        store.close()
    if args.json:
        print_json({
            "site": report.site, "studies": list(report.studies), "transfers": list(report.transfer_ids),
            "imported": report.imported, "already_queued": list(report.already_queued),
            "quarantined": [{"path": p, "reason": r} for p, r in report.quarantined],
        })
    else:
        if report.transfer_ids:
            print(f"{report.imported} instances of {len(report.studies)} studies queued for {report.site}")
        if report.already_queued:
            print(f"{len(report.already_queued)} studies were already queued or sent to {report.site}: nothing new")
        for path, reason in report.quarantined:
            print(f"  refused {path}: {reason}")
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from appliance.reconcile.csvmatch import run_match
    from appliance.reconcile.matcher import Thresholds

    thresholds = Thresholds().for_policy(args.new_policy)
    summary = run_match(Path(args.index), Path(args.incoming), Path(args.out), thresholds)
    if args.json:
        print_json(summary.as_json())
    else:
        counts = summary.as_json()
        print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from appliance.service.demo import run_demo

    # Never on a real site: without --home the demo lives in the data folder's demo/ subfolder.
    home = args.home / "demo" if args.home == default_home() else args.home
    return run_demo(home, headless=args.headless, verbose=args.verbose, pacs=args.pacs, timeout=args.timeout)


def cmd_self_test(args: argparse.Namespace) -> int:
    from appliance.service.selftest import run_self_test

    return run_self_test(args.verbose)


def cmd_directory(args: argparse.Namespace) -> int:
    from appliance.service import directory_commands

    result = directory_commands.run(args)
    if result is not None:
        if args.json:
            print_json(result)
        elif isinstance(result, dict):
            for key, value in result.items():
                print(f"{key}: {value}")
        else:
            print(result)
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from appliance.service import rules_commands

    result = rules_commands.run(args)
    if args.json:
        print_json(result)
    elif isinstance(result, list):
        print("\n".join(str(line) for line in result))
    else:
        print(result)
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    from appliance.service import directory_commands

    print(directory_commands.pin_root_key(args.home, args.root_key, args.threshold, args.remove))
    return 0


def cmd_patients_review(args: argparse.Namespace) -> int:
    from appliance.service import patient_commands

    result = patient_commands.run(args)
    if args.json:
        print_json(result)
    else:
        print("\n".join(str(line) for line in result))  # type: ignore[attr-defined]
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", type=Path, default=default_home(), help="site folder (default: %(default)s)")
    common.add_argument("--json", action="store_true", help="machine-readable output")
    common.add_argument("-v", "--verbose", action="store_true")
    parser = argparse.ArgumentParser(prog="passerelle", parents=[common], description=__doc__)
    parser.add_argument("--version", action="version", version=f"passerelle {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check engine, keys, database, window; exit")
    sub = parser.add_subparsers(dest="command", required=False, metavar="COMMAND")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("init", cmd_init, "create this site: settings and keys")
    p.add_argument("--name", required=True)
    p.add_argument("--aet", default="PASSERELLE")
    p.add_argument("--dicom-port", type=int, default=11112)
    p.add_argument("--http-port", type=int, default=8443)
    p.add_argument("--pacs", help="AET@HOST:PORT of the local PACS")
    p.add_argument("--public-url", help="URL peers use to reach this site (default http://127.0.0.1:PORT)")
    add("identity", cmd_identity, "this site's entry for the directory")
    add("serve", cmd_serve, "run the engine headless")
    add("gui", cmd_gui, "run the engine with its window")
    add("status", cmd_status, "engine state, transfers, review queue")
    p = add("send", cmd_send, "send files, folders or DICOMDIR media to a site")
    p.add_argument("paths", nargs="+")
    p.add_argument("--to", required=True, help="site id or directory name")
    spool = sub.add_parser("spool", parents=[common], help="the spool: retention of sent and received files")
    spool_sub = spool.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = spool_sub.add_parser("purge", parents=[common],
                             help="remove files of finished transfers older than spool_keep_days")
    q.add_argument("--dry-run", action="store_true", help="only print what would be freed; delete nothing")
    q.set_defaults(handler=cmd_spool)
    p = add("match", cmd_match, "match incoming patients against a patient index (CSV)")
    p.add_argument("--index", required=True)
    p.add_argument("--incoming", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--new-policy", choices=("automatic", "review"), default=Settings.new_patient_policy,
                   help="whether an incoming patient with no local record is 'new' automatically "
                        "(default: the appliance's default, %(default)s)")
    p = add("demo", cmd_demo, "the whole story on one machine: two hospitals, three studies")
    p.add_argument("--headless", action="store_true", help="tell the story in the terminal; exit 0 at the end")
    p.add_argument("--pacs", choices=("auto", "orthanc", "stand-in"), default="auto",
                   help="each site's PACS: Orthanc when installed (auto), or the embedded stand-in archive")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S", help="give up after S seconds")
    p = add("trust", cmd_trust, "pin the operator's root public key, or its root set (ROOTS.json)")
    p.add_argument("root_key", help="a root public key (base64) or the ROOTS.json of `directory create-roots`")
    p.add_argument("--threshold", type=int, help="how many pinned roots must agree (default: unchanged, "
                   "or the root set's)")
    p.add_argument("--remove", action="store_true", help="stop trusting this root key (refused while the "
                   "installed directory depends on it)")

    from appliance.service import rules_commands

    rules_commands.add_parser(sub, common).set_defaults(handler=cmd_rules)

    from appliance.service import patient_commands

    for q in patient_commands.add_parsers(sub, common):
        q.set_defaults(handler=cmd_patients_review)

    d = sub.add_parser("directory", parents=[common], help="the signed directory (operator and appliance)")
    dsub = d.add_subparsers(dest="action", required=True, metavar="ACTION")

    def dadd(name: str, help_text: str) -> argparse.ArgumentParser:
        q = dsub.add_parser(name, parents=[common], help=help_text)
        q.set_defaults(handler=cmd_directory)
        return q

    dadd("create-operator-key", "create an operator key; prints its public key").add_argument("--out", required=True)
    q = dadd("add-site", "add or update a site (SITE.json = output of identity --json)")
    q.add_argument("directory")
    q.add_argument("site_json")
    q = dadd("revoke", "revoke a site")
    q.add_argument("directory")
    q.add_argument("site_id")
    q = dadd("create-roots", "write the root set (ROOTS.json) appliances pin: root keys and a threshold")
    q.add_argument("--out", required=True, help="ROOTS.json to write (public)")
    q.add_argument("--threshold", type=int, required=True, help="how many roots must sign together")
    q.add_argument("--public", action="append", help="a root public key made by create-operator-key (repeat)")
    q.add_argument("--generate", type=int, default=0, help="also generate N new root keys")
    q.add_argument("--key-dir", help="folder for the generated root keys (root-1.key ...)")
    q = dadd("delegate", "sign, as one root, the signing keys that sign the directory (rotation)")
    q.add_argument("directory")
    q.add_argument("--root-key", required=True, help="this root's private key file")
    q.add_argument("--signing-key", action="append", required=True,
                   help="a signing public key (base64) or its key file (repeat for several)")
    q.add_argument("--threshold", type=int, default=1, help="how many signing keys must sign (default 1)")
    q = dadd("sign", "sign a directory")
    q.add_argument("directory")
    q.add_argument("--key", required=True)
    q.add_argument("--expires-days", type=int, required=True)
    q.add_argument("--out", required=True)
    q = dadd("install", "verify and install a signed directory (file or URL)")
    q.add_argument("source")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        args.handler = cmd_self_test
    elif args.command is None:
        parser.error("a command is required")
    try:
        code: int = args.handler(args)
        return code
    except BadInput as exc:
        print(f"passerelle: {exc}", file=sys.stderr)
        return 2
    except PasserelleError as exc:
        print(f"passerelle: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"passerelle: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
