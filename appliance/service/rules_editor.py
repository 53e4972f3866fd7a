"""The rules editor's commands: the routing rules as the window lists, adds, changes and deletes them.

Plain functions taking the `StateStore` first (the window runs them off its thread with `run_on_store`);
they go through `rules_commands` (the same checks as `passerelle rules`) and return rules as
`rules_commands.rule_json` prints them. Changing a rule stores the new one before deleting the old one:
an interruption in between leaves both (a study is still queued to a site once), never neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from appliance.service import rules_commands, sites
from appliance.service.site import Site
from appliance.store.routing import RoutingStore
from appliance.store.state import StateStore


@dataclass(frozen=True)
class RuleDraft:
    """What the rule dialog holds: a destination (site id or name) and the criteria, all optional but one."""

    site: str
    name: str = ""
    referring_from_directory: bool = False
    referring: Sequence[str] = ()
    modalities: Sequence[str] = ()
    description: str = ""
    institution: str = ""
    station: str = ""
    max_age_days: int = 0
    enabled: bool = True


def list_rules(store: StateStore, site: Site) -> list[dict[str, object]]:
    """Every rule in creation order, with its destination's name from the directory."""
    names = rules_commands.site_names(site)
    return [rules_commands.rule_json(r, names) for r in rules_commands.list_rules(RoutingStore(store.database))]


def save_rule(store: StateStore, site: Site, draft: RuleDraft, replaces: int = 0) -> dict[str, object]:
    """Add a rule (or replace rule #`replaces` by it); refuses an unknown site or a rule without criteria."""
    routing = RoutingStore(store.database)
    if replaces and routing.rule(replaces) is None:
        rules_commands.remove_rule(routing, replaces)  # raises the usual "no routing rule #N"
    rule = rules_commands.add_rule(
        routing, draft.site, lambda text: sites.resolve_site(site, text),
        referring_from_directory=draft.referring_from_directory, referring=draft.referring,
        modalities=draft.modalities, description=draft.description, institution=draft.institution,
        station=draft.station, max_age_days=draft.max_age_days, name=draft.name,
    )
    if not draft.enabled:
        rule = rules_commands.enable_rule(routing, rule.id, False)
    if replaces:
        rules_commands.remove_rule(routing, replaces)
    return rules_commands.rule_json(rule, rules_commands.site_names(site))


def delete_rule(store: StateStore, rule_id: int) -> int:
    """Delete rule #`rule_id` (what it already routed stays routed)."""
    return rules_commands.remove_rule(RoutingStore(store.database), rule_id).id


def set_rule_enabled(store: StateStore, rule_id: int, enabled: bool) -> int:
    return rules_commands.enable_rule(RoutingStore(store.database), rule_id, enabled).id
