"""The policy's tiers and campaigns as rows of the policy form (``/console/policy``).

Rows are plain form fields (``tier-0-name``, ``campaign-1-ends``...), so the page needs no
JavaScript: every row can be ticked for removal, and two blank rows follow the last filled
one (a preview draws two more, so any number can be added). Each field is checked with its
message beside it, then the rows against each other (tier names unique, thresholds strictly
ascending, a campaign ending after it starts and naming known tiers), the message beside the
offending row's field. Only a section that changes is written back; a tier's or campaign's
other keys stay as the document has them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from protocol.policy import Campaign, Policy, Tier

TIER_KEYS = ("name", "multiplier", "min_spend", "privileges")
CAMPAIGN_KEYS = ("name", "multiplier", "starts", "ends", "tiers")
SECTIONS = {"tier": TIER_KEYS, "campaign": CAMPAIGN_KEYS}
BLANK_ROWS = 2
MAX_ROWS = 16
MAX_TEXT = 64
TIER_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")
ROW_KEY = re.compile(r"^(tier|campaign)-(\d{1,2})-([a-z_]+)$")
TIMES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
EARLIEST = 0
LATEST = int(dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp())
NONE = "—"


def number(value: Decimal) -> str:
    """A decimal as the form shows it: no exponent, no trailing zeros."""
    return format(value.normalize(), "f")


def when(seconds: int) -> str:
    """UNIX seconds as the form shows them (UTC; seconds only when there are some)."""
    moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


def _words(items: tuple[str, ...] | None) -> str:
    return ", ".join(items or ())


def current_rows(policy: Policy) -> dict[str, str]:
    """The policy's tiers and campaigns as the form's fields."""
    flat: dict[str, str] = {}
    # Lowest first, as the form wants them (a document may list them in any order).
    for i, t in enumerate(sorted(policy.tiers, key=lambda t: t.min_spend)):
        row = (t.name, number(t.multiplier), number(t.min_spend), _words(t.privileges))
        flat.update({f"tier-{i}-{k}": v for k, v in zip(TIER_KEYS, row, strict=True)})
    for i, c in enumerate(policy.campaigns):
        row = (c.name, number(c.multiplier), when(c.starts), when(c.ends), _words(c.tiers))
        flat.update({f"campaign-{i}-{k}": v for k, v in zip(CAMPAIGN_KEYS, row, strict=True)})
    return flat


def posted_rows(form: Mapping[str, str]) -> dict[str, str]:
    """The row fields of a posted form (and their removal ticks), bounded."""
    flat: dict[str, str] = {}
    for key, value in form.items():
        found = ROW_KEY.match(key)
        if found is None or int(found[2]) >= MAX_ROWS:
            continue
        if found[3] in SECTIONS[found[1]] or found[3] == "remove":
            flat[key] = value[:MAX_TEXT]
    return flat


def row_count(flat: Mapping[str, str], prefix: str) -> int:
    """How many rows the form draws: the filled ones and two blank ones after the last."""
    filled = [
        int(m[2])
        for key, value in flat.items()
        if (m := ROW_KEY.match(key)) and m[1] == prefix and m[3] != "remove" and value.strip()
    ]
    return min(MAX_ROWS, max(filled, default=-1) + 1 + BLANK_ROWS)


def _decimal(text: str, low: Decimal, high: Decimal, above_low: bool) -> Decimal | str:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return "bad_number"
    if not value.is_finite():
        return "bad_number"
    if (value <= low if above_low else value < low) or value > high:
        return "out_of_range"
    return value


def _time(text: str) -> int | str:
    for pattern in TIMES:
        try:
            moment = dt.datetime.strptime(text, pattern).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        seconds = int(moment.timestamp())
        return seconds if EARLIEST <= seconds < LATEST else "out_of_range"
    return "bad_time"


def _list(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[,，]", text) if p.strip())


def _rows(form: Mapping[str, str], prefix: str) -> list[tuple[int, dict[str, str]]]:
    """(index, fields) of each filled row not ticked for removal."""
    rows = []
    for i in range(MAX_ROWS):
        row = {k: form.get(f"{prefix}-{i}-{k}", "")[:MAX_TEXT].strip() for k in SECTIONS[prefix]}
        if any(row.values()) and not form.get(f"{prefix}-{i}-remove"):
            rows.append((i, row))
    return rows


def read_tiers(
    form: Mapping[str, str], errors: dict[str, str], known: frozenset[str] = frozenset()
) -> list[Tier]:
    """The tiers sent, in order; each wrong field's message key goes into ``errors``.

    ``known``: the current tiers' names, kept even when not shaped as a new one must be
    (members hold their tier by name, so the form must not force a rename)."""
    tiers: list[Tier] = []
    seen: set[str] = set()  # every row's name, right or wrong: a repeat is named either way
    last: Decimal | None = None  # the threshold of the row before, whatever else is wrong there
    for i, row in _rows(form, "tier"):
        key = f"tier-{i}-"
        if not (TIER_NAME.match(row["name"]) or row["name"] in known):
            errors[key + "name"] = "bad_tier_name"
        elif row["name"] in seen:
            errors[key + "name"] = "tier_name_taken"
        seen.add(row["name"])
        multiplier = _decimal(row["multiplier"], Decimal(0), Decimal(100), False)
        if isinstance(multiplier, str):
            errors[key + "multiplier"] = multiplier
        threshold = _decimal(row["min_spend"], Decimal(0), Decimal(10) ** 9, False)
        if isinstance(threshold, str):
            errors[key + "min_spend"] = threshold
        else:
            if last is not None and threshold <= last:
                errors[key + "min_spend"] = "thresholds_ascending"
            last = threshold
        privileges = _list(row["privileges"])
        if len(privileges) > 10 or any(len(p) > 32 for p in privileges):
            errors[key + "privileges"] = "bad_privileges"
        fine = not any(k.startswith(key) for k in errors)
        if fine and isinstance(multiplier, Decimal) and isinstance(threshold, Decimal):
            tiers.append(Tier(row["name"], multiplier, threshold, privileges))
    if not tiers and not any(k.startswith("tier-") for k in errors):
        errors["tiers"] = "need_a_tier"
    return tiers


def read_campaigns(
    form: Mapping[str, str], tier_names: set[str], errors: dict[str, str]
) -> list[Campaign]:
    """The campaigns sent; each wrong field's message key goes into ``errors``."""
    campaigns: list[Campaign] = []
    seen: set[str] = set()
    for i, row in _rows(form, "campaign"):
        key = f"campaign-{i}-"
        if not 1 <= len(row["name"]) <= MAX_TEXT or not row["name"].isprintable():
            errors[key + "name"] = "bad_campaign_name"
        elif row["name"] in seen:
            errors[key + "name"] = "campaign_name_taken"
        seen.add(row["name"])
        multiplier = _decimal(row["multiplier"], Decimal(0), Decimal(100), True)
        if isinstance(multiplier, str):
            errors[key + "multiplier"] = multiplier
        starts, ends = _time(row["starts"]), _time(row["ends"])
        for name, value in (("starts", starts), ("ends", ends)):
            if isinstance(value, str):
                errors[key + name] = value
        if isinstance(starts, int) and isinstance(ends, int) and ends <= starts:
            errors[key + "ends"] = "ends_before_starts"
        tiers = _list(row["tiers"])
        if any(t not in tier_names for t in tiers):
            errors[key + "tiers"] = "unknown_tier"
        fine = not any(k.startswith(key) for k in errors)
        times = (starts, ends) if isinstance(starts, int) and isinstance(ends, int) else None
        if fine and isinstance(multiplier, Decimal) and times:
            campaigns.append(Campaign(row["name"], multiplier, *times, tiers or None))
    return campaigns


def _tier_fields(t: Tier) -> dict[str, str]:
    privileges = _words(t.privileges)
    return {"multiplier": number(t.multiplier), "min_spend": number(t.min_spend)} | {
        "privileges": privileges or NONE
    }


def _campaign_fields(c: Campaign) -> dict[str, str]:
    return {
        "multiplier": number(c.multiplier),
        "starts": when(c.starts),
        "ends": when(c.ends),
        "tiers": _words(c.tiers) or NONE,
    }


def row_changes(
    policy: Policy, tiers: list[Tier], campaigns: list[Campaign]
) -> list[tuple[str, str, str, str, str]]:
    """(section, name, field, before, after) for every field of a row that changes; a row
    added or removed shows each of its fields against "—"."""
    found: list[tuple[str, str, str, str, str]] = []
    pairs = (
        ("tier", policy.tiers, tiers, _tier_fields),
        ("campaign", policy.campaigns, campaigns, _campaign_fields),
    )
    for section, old_rows, new_rows, fields in pairs:
        old = {r.name: fields(r) for r in old_rows}  # type: ignore[operator]
        new = {r.name: fields(r) for r in new_rows}  # type: ignore[operator]
        for name in [*old, *(n for n in new if n not in old)]:
            before, after = old.get(name, {}), new.get(name, {})
            for field in SECTIONS[section][1:]:
                a, b = before.get(field, NONE), after.get(field, NONE)
                if a != b:
                    found.append((section, name, field, a, b))
    return found


def _tier_document(t: Tier, old: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **old,
        "name": t.name,
        "multiplier": number(t.multiplier),
        "min_spend": number(t.min_spend),
        "privileges": list(t.privileges),
    }


def _campaign_document(c: Campaign, old: Mapping[str, Any]) -> dict[str, Any]:
    doc = {**old, "name": c.name, "multiplier": number(c.multiplier)}
    doc |= {"starts": c.starts, "ends": c.ends}
    if c.tiers:
        doc["tiers"] = list(c.tiers)
    else:
        doc.pop("tiers", None)
    return doc


def with_rows(
    body: Mapping[str, Any], policy: Policy, tiers: list[Tier], campaigns: list[Campaign]
) -> dict[str, Any]:
    """``body`` with the sections whose rows change written from the form."""
    changed = dict(body)
    sections = {s for s, *_ in row_changes(policy, tiers, campaigns)}

    def by_name(key: str) -> dict[str, Mapping[str, Any]]:
        rows = body.get(key, ())
        return {str(r.get("name")): r for r in rows if isinstance(r, Mapping)}

    if "tier" in sections:
        old = by_name("tiers")
        changed["tiers"] = [_tier_document(t, old.get(t.name, {})) for t in tiers]
        changed.pop("tier_multipliers", None)  # it would override the multipliers just set
    if "campaign" in sections:
        old = by_name("campaigns")
        changed["campaigns"] = [_campaign_document(c, old.get(c.name, {})) for c in campaigns]
    return changed
