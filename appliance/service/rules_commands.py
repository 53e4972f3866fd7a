"""The `passerelle rules` commands: list, add, remove, enable and disable routing rules."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from appliance.errors import BadInput, DirectoryRejected
from appliance.routing.rules import Criteria, Rule
from appliance.service import sites
from appliance.service.site import Site, open_site
from appliance.store.routing import RoutingStore
from appliance.store.state import StateStore

Resolve = Callable[[str], str]


def rule_json(rule: Rule, names: dict[str, str] | None = None) -> dict[str, object]:
    """A rule as `rules list --json` prints it."""
    c = rule.criteria
    return {
        "id": rule.id,
        "site": rule.site,
        "site_name": (names or {}).get(rule.site, ""),
        "name": rule.name,
        "enabled": rule.enabled,
        "criteria": {
            "referring_from_directory": c.referring_from_directory,
            "referring": list(c.referring),
            "modalities": list(c.modalities),
            "description": c.description,
            "institution": c.institution,
            "station": c.station,
            "max_age_days": c.max_age_days,
        },
    }


def describe(rule: Rule, names: dict[str, str] | None = None) -> str:
    """One line per rule for the plain-text listing."""
    c = rule.criteria
    parts: list[str] = []
    if c.referring_from_directory:
        parts.append("referring on the site's directory list")
    if c.referring:
        parts.append(f"referring in {len(c.referring)} local name(s)")
    if c.modalities:
        parts.append("modality " + "/".join(c.modalities))
    for label, pattern in (("description", c.description), ("institution", c.institution), ("station", c.station)):
        if pattern:
            parts.append(f"{label} ~ {pattern}")
    if c.max_age_days:
        parts.append(f"at most {c.max_age_days} days old")
    target = (names or {}).get(rule.site) or rule.site
    state = "" if rule.enabled else " [disabled]"
    return f"#{rule.id} -> {target}{state}: " + ", ".join(parts)


def list_rules(store: RoutingStore) -> list[Rule]:
    return store.rules()


def add_rule(
    store: RoutingStore,
    site: str,
    resolve: Resolve,
    referring_from_directory: bool = False,
    referring: Sequence[str] = (),
    modalities: Sequence[str] = (),
    description: str = "",
    institution: str = "",
    station: str = "",
    max_age_days: int = 0,
    name: str = "",
) -> Rule:
    """Add a rule to the site `resolve` finds (a directory name or id); refuses a rule without criteria."""
    names = tuple(n.strip() for n in referring if n.strip())
    wanted = tuple(dict.fromkeys(m.strip().upper() for m in modalities if m.strip()))
    if any(len(m) > 16 or not m.isalnum() for m in wanted):
        raise BadInput("--modality takes DICOM modality codes such as CT, MR, US")
    criteria = Criteria(
        referring_from_directory=referring_from_directory, referring=names, modalities=wanted,
        description=description.strip(), institution=institution.strip(), station=station.strip(),
        max_age_days=max_age_days,
    )
    return store.add_rule(resolve(site), criteria, name=name.strip())


def remove_rule(store: RoutingStore, rule_id: int) -> Rule:
    rule = store.rule(rule_id)
    if rule is None or not store.remove_rule(rule_id):
        raise BadInput(f"no routing rule #{rule_id} (see `passerelle rules list`)")
    return rule


def enable_rule(store: RoutingStore, rule_id: int, enabled: bool) -> Rule:
    if not store.set_enabled(rule_id, enabled):
        raise BadInput(f"no routing rule #{rule_id} (see `passerelle rules list`)")
    rule = store.rule(rule_id)
    assert rule is not None
    return rule


def site_names(site: Site) -> dict[str, str]:
    """Site id -> display name from the installed directory (empty when none is installed)."""
    try:
        directory = sites.installed_directory(site)
    except DirectoryRejected:
        return {}
    return {s.id: s.name for s in directory.members} if directory is not None else {}


def run(args: argparse.Namespace) -> object:
    """Dispatch `passerelle rules ACTION`; returns what to print (JSON-able, or a list of lines)."""
    site = open_site(args.home)
    state = StateStore(site.settings.db_path)
    try:
        store = RoutingStore(state.database)
        names = site_names(site)
        action = args.action
        if action == "list":
            rules = list_rules(store)
            if args.json:
                return [rule_json(r, names) for r in rules]
            return [describe(r, names) for r in rules] or ["no routing rules"]
        if action == "add":
            rule = add_rule(
                store, args.site, lambda text: sites.resolve_site(site, text),
                referring_from_directory=args.referring_from_directory, referring=args.referring or (),
                modalities=args.modality or (), description=args.description or "",
                institution=args.institution or "", station=args.station or "",
                max_age_days=args.max_age_days, name=args.name or "",
            )
        elif action == "remove":
            rule = remove_rule(store, args.rule_id)
        elif action in ("enable", "disable"):
            rule = enable_rule(store, args.rule_id, action == "enable")
        else:
            raise BadInput(f"unknown rules action {action!r}")
        if args.json:
            return rule_json(rule, names)
        verb = {"add": "added", "remove": "removed", "enable": "enabled", "disable": "disabled"}[action]
        return [f"rule {verb}: {describe(rule, names)}"]
    finally:
        state.close()


def referring_lists(site: Site) -> dict[str, tuple[str, ...]]:
    """Each member site's referring physicians from the installed directory (for the scheduler)."""
    try:
        directory = sites.installed_directory(site)
    except DirectoryRejected:
        return {}
    if directory is None:
        return {}
    return {s.id: tuple(s.referring_physicians) for s in directory.members}


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> argparse.ArgumentParser:
    """The argparse spec of `passerelle rules`; returns the `rules` parser (for `set_defaults(handler=...)`)."""
    r = sub.add_parser("rules", parents=[common], help="routing rules: which studies go to which site")
    rsub = r.add_subparsers(dest="action", required=True)
    rsub.add_parser("list", parents=[common], help="list the routing rules")
    a = rsub.add_parser("add", parents=[common], help="add a rule sending matching studies to a site")
    a.add_argument("--site", required=True, help="destination: site id or directory name")
    a.add_argument("--name", help="a label for the rule")
    a.add_argument("--referring-from-directory", action="store_true",
                   help="referring physician is on the destination site's list in the directory")
    a.add_argument("--referring", action="append", metavar="NAME",
                   help="referring physician (local list; repeat for several)")
    a.add_argument("--modality", action="append", metavar="M", help="modality code, e.g. CT (repeat for several)")
    a.add_argument("--description", metavar="GLOB", help="study description pattern, e.g. 'CT THORAX*'")
    a.add_argument("--institution", metavar="GLOB", help="institution name pattern")
    a.add_argument("--station", metavar="GLOB", help="station name pattern")
    a.add_argument("--max-age-days", type=int, default=0, metavar="N", help="only studies at most N days old")
    for action, help_text in (("remove", "delete a rule"), ("enable", "enable a rule"),
                              ("disable", "disable a rule (kept, not evaluated)")):
        q = rsub.add_parser(action, parents=[common], help=help_text)
        q.add_argument("rule_id", type=int, metavar="ID")
    return r
