"""A behavioural test suite for stance methods, in the spirit of CheckList (Ribeiro et al. 2020).

Each *construction* (agent, victim, negation, contrast, speaker, irony, ...) has a few
templates written from how English expresses evaluation of a party, not from any test or
training sentence. A template has slots for powers (``{P}``, ``{Q}``), acts of cooperation
and conflict, and the country acted upon; the expected stance of every power follows from
the codebook (``data/gold/CODEBOOK.md``): the actor of a hostile act is portrayed badly, its
victim is not; criticism is bad for the one criticised; a speaker is not the target of what
they say; relations improving or deteriorating count for each party.

* :func:`suite` builds the cases (one row per case x power: construction, case, text,
  actor, alias, start, end, expected);
* :func:`run_suite` scores them with any registered methods;
* :func:`pass_rates` gives the pass rate per construction and method;
* :func:`invariance` checks that naming a power differently (``the US`` / ``Washington``
  / ``America``; or another power in the same slot) does not change the prediction.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd

#: Names of each power used to fill the slots; the first is the plain name.
ALIASES = {
    "US": ["the US", "Washington", "America", "the United States"],
    "China": ["China", "Beijing"],
    "Russia": ["Russia", "Moscow", "the Kremlin"],
}
#: Countries acted upon (never one of the three powers).
OTHERS = ["Pakistan", "Afghanistan", "its neighbours", "Iran", "the region"]

#: Acts: (past tense, base form, third person singular, -ing form).
CONFLICT_ACTS = [
    ("threatened", "threaten", "threatens", "threatening"),
    ("bullied", "bully", "bullies", "bullying"),
    ("sanctioned", "sanction", "sanctions", "sanctioning"),
    ("abandoned", "abandon", "abandons", "abandoning"),
    ("bombed", "bomb", "bombs", "bombing"),
    ("pressured", "pressure", "pressures", "pressuring"),
    ("betrayed", "betray", "betrays", "betraying"),
    ("intimidated", "intimidate", "intimidates", "intimidating"),
]
COOPERATION_ACTS = [
    ("helped", "help", "helps", "helping"),
    ("supported", "support", "supports", "supporting"),
    ("assisted", "assist", "assists", "assisting"),
    ("defended", "defend", "defends", "defending"),
    ("backed", "back", "backs", "backing"),
    ("stood by", "stand by", "stands by", "standing by"),
]
#: Evaluative adjectives for a state as a partner.
GOOD = ["reliable", "trustworthy", "generous", "dependable"]
BAD = ["aggressive", "unreliable", "reckless", "arrogant"]
#: Relationship trends.
IMPROVING = ["improved", "grown stronger", "deepened", "warmed"]
WORSENING = ["deteriorated", "soured", "worsened", "grown tense"]

# Each template: (text with slots, {slot: expected stance}). Slots: {P} {Q} powers, {O}
# another country, {c*} a conflict act, {k*} a cooperation act (suffix: d past, b base,
# s 3rd person, g -ing), {good}/{bad} adjectives, {up}/{down} relationship trends.
TEMPLATES: dict[str, list[tuple[str, dict[str, int]]]] = {
    "agent": [
        ("{P} {cd} {O} last year.", {"P": -1}),
        ("{P} has {kd} {O} for decades.", {"P": 1}),
        ("In 2019 {P} {kd} {O} when nobody else would.", {"P": 1}),
        ("{P} keeps {cg} {O}.", {"P": -1}),
    ],
    "victim_passive": [
        ("{P} was {cd} by its rivals.", {"P": 0}),
        ("{O} was {cd} by {P}.", {"P": -1}),
        ("{O} has been {kd} by {P} for years.", {"P": 1}),
        ("{P} was attacked by terrorists in 2001.", {"P": 0}),
    ],
    "object": [
        ("Militants {cd} {P}'s embassy.", {"P": 0}),
        ("{O} accused {P} of {cg} smaller states.", {"P": -1}),
        ("Leaders across the region praised {P} for its restraint.", {"P": 1}),
        ("Critics condemned {P} over its conduct.", {"P": -1}),
    ],
    "negation": [
        ("{P} did not {kb} {O} when it mattered.", {"P": -1}),
        ("{P} has never {cd} {O}.", {"P": 1}),
        ("{P} refused to {kb} {O}.", {"P": -1}),
        ("{P} halted its aid to {O}.", {"P": -1}),
        ("{P} suspended security assistance to {O}.", {"P": -1}),
        ("{P} is no friend of {O}.", {"P": -1}),
    ],
    "double_negation": [
        ("{P} never fails to {kb} {O}.", {"P": 1}),
        ("No one can deny that {P} has {kd} {O}.", {"P": 1}),
        ("{P} has never failed to {kb} {O}.", {"P": 1}),
        ("{P} never misses a chance to {cb} {O}.", {"P": -1}),
    ],
    "contrast": [
        ("Unlike {P}, which {cs} {O}, {Q} offers real cooperation.", {"P": -1, "Q": 1}),
        ("{P} {kd} {O}, but {Q} {cd} it.", {"P": 1, "Q": -1}),
        ("While {P} {cs} {O}, {Q} {ks} it.", {"P": -1, "Q": 1}),
        ("{P} talks of partnership, but it {cs} {O}.", {"P": -1}),
    ],
    "comparison": [
        ("{P} is a more {good} partner than {Q}.", {"P": 1, "Q": -1}),
        ("{P} is far more {bad} than {Q}.", {"P": -1, "Q": 1}),
        ("{P} has proved less {good} than {Q}.", {"P": -1, "Q": 1}),
    ],
    "speaker": [
        ("{Q}'s loans are a debt trap, warns {P}.", {"P": 0, "Q": -1}),
        ("According to {P}, {Q} {cd} {O}.", {"P": 0, "Q": -1}),
        ("{P} said that {Q} had {kd} {O}.", {"P": 0, "Q": 1}),
        ("{P} claims that {Q} {cs} {O}.", {"P": 0, "Q": -1}),
    ],
    "relative_clause": [
        ("{P}, which has {kd} {O} for decades, is a friend.", {"P": 1}),
        ("{O}, which {P} {cd} for years, is still recovering.", {"P": -1}),
        ("The country that {P} {kd} is now stable.", {"P": 1}),
        ("{P}, which {cs} {O}, wants to be seen as a peacemaker.", {"P": -1}),
    ],
    "rejected_quote": [
        ("{P} calls itself a 'partner for peace', but few in the region believe it.", {"P": -1}),
        ("The claim that {P} {kd} {O} is a myth.", {"P": -1}),
        ("{P}'s talk of 'friendship' rings hollow.", {"P": -1}),
        ("Critics say {P} {cd} {O}, but the record shows otherwise.", {"P": 1}),
    ],
    "rhetorical_question": [
        ("Has {P} ever {kd} {O} without strings attached?", {"P": -1}),
        ("Why should anyone trust {P} after it {cd} {O}?", {"P": -1}),
        ("Who can forget how {P} {kd} {O} in its hour of need?", {"P": 1}),
    ],
    "hedge": [
        ("{P} may be considering new investment in {O}.", {"P": 0}),
        ("It is unclear whether {P} will {kb} {O}.", {"P": 0}),
        ("{P} reportedly {cd} {O}.", {"P": -1}),
        ("{P} has arguably {kd} {O} more than anyone.", {"P": 1}),
    ],
    "irony": [
        ("{P}'s 'generous' aid came with crippling conditions.", {"P": -1}),
        ("What a fine friend {P} has been, {cg} {O} whenever it suited it.", {"P": -1}),
        ("Thanks to {P}'s 'help', {O} is poorer than ever.", {"P": -1}),
    ],
    "trend": [
        ("Ties with {P} have {down}.", {"P": -1}),
        ("Relations with {P} have {up}.", {"P": 1}),
        ("The relationship between {O} and {P} has {down} since 2018.", {"P": -1}),
        ("Cooperation between {O} and {P} has {up} this year.", {"P": 1}),
    ],
    "several_powers": [
        ("{P} {kd} {O} while {Q} {cd} it.", {"P": 1, "Q": -1}),
        ("{P} and {Q} both {kd} {O}.", {"P": 1, "Q": 1}),
        ("{P} {cd} {Q}.", {"P": -1, "Q": 0}),
        ("{P} {kd} {O}; {Q} merely watched.", {"P": 1, "Q": 0}),
    ],
    "neutral": [
        ("{P}'s foreign minister visited {O} on Tuesday.", {"P": 0}),
        ("{P} will host the next round of talks in March.", {"P": 0}),
        ("Officials from {P} and {Q} met in Geneva.", {"P": 0, "Q": 0}),
        ("{O} imports wheat from {P}.", {"P": 0}),
    ],
}

#: The examples of issue 12 (a user's first tries), with the stance they should get.
ISSUE_EXAMPLES = [
    ("The Pentagon halted aid to Pakistan.", {"Pentagon": -1}),
    ("The US was attacked by terrorists on 9/11.", {"US": 0}),
    ("Russia never fails to support Pakistan.", {"Russia": 1}),
    ("China's loans are a debt trap, warns the US.", {"US": 0, "China": -1}),
    ("Unlike the US, which threatens Pakistan, Russia offers real cooperation.", {"US": -1, "Russia": 1}),
    ("The US abandoned its allies in Afghanistan.", {"US": -1}),
    ("The US drone killed two dozen civilians.", {"US": -1}),
    ("The US suspended security assistance to Pakistan.", {"US": -1}),
]
#: Alias -> power for the issue examples.
ISSUE_ACTORS = {"Pentagon": "US", "US": "US", "Russia": "Russia", "China": "China"}

CASE_COLUMNS = ["construction", "case", "variant", "slot", "text", "actor", "alias", "start", "end",
                "expected"]


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:]


def _fill(template: str, slots: dict[str, str]) -> tuple[str, dict[str, tuple[int, int]]]:
    """The filled text and where each power slot's name sits in it."""
    out, spans, pos = [], {}, 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(template[pos:m.start()])
        value = slots[m.group(1)]
        here = sum(len(p) for p in out)
        if m.group(1) in ("P", "Q"):
            if here == 0:
                value = _capitalise(value)
            start = here + (4 if value.lower().startswith("the ") else 0)
            spans.setdefault(m.group(1), (start, here + len(value)))
        elif here == 0:
            value = _capitalise(value)
        out.append(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


def _slot_values(template: str, i: int) -> dict[str, str]:
    """Deterministic choice of the non-power slots for the ``i``-th instance of a template."""
    c = CONFLICT_ACTS[i % len(CONFLICT_ACTS)]
    k = COOPERATION_ACTS[i % len(COOPERATION_ACTS)]
    return {"O": OTHERS[i % len(OTHERS)], "cd": c[0], "cb": c[1], "cs": c[2], "cg": c[3],
            "kd": k[0], "kb": k[1], "ks": k[2], "kg": k[3], "good": GOOD[i % len(GOOD)],
            "bad": BAD[i % len(BAD)], "up": IMPROVING[i % len(IMPROVING)],
            "down": WORSENING[i % len(WORSENING)]}


def suite(per_template: int = 6) -> pd.DataFrame:
    """The cases: one row per (case, variant, power) with the expected stance.

    Each template is instantiated ``per_template`` times with different acts, countries
    and power assignments (every ordered pair of powers in turn). Each case also has
    *variants* that only rename the powers (other aliases of the same power, e.g.
    Washington for the US): :func:`invariance` compares them. Variant 0 is the case itself.
    """
    rows = []
    pairs = list(itertools.permutations(ALIASES, 2))
    for construction, templates in TEMPLATES.items():
        for t, (template, expected) in enumerate(templates):
            for i in range(per_template):
                p, q = pairs[(i + t) % len(pairs)]
                case = f"{construction}:{t}:{i}"
                slots = _slot_values(template, i + t)
                variants = [(ALIASES[p][0], ALIASES[q][0])]
                variants += [(ALIASES[p][j % len(ALIASES[p])], ALIASES[q][j % len(ALIASES[q])])
                             for j in (1, 2)]
                variants.append((ALIASES[q][0], ALIASES[p][0]))       # the powers swapped
                for v, (p_name, q_name) in enumerate(dict.fromkeys(variants)):
                    text, spans = _fill(template, {**slots, "P": p_name, "Q": q_name})
                    names = {"P": p, "Q": q} if (p_name, q_name) != variants[-1] else {"P": q, "Q": p}
                    for slot, stance in expected.items():
                        s, e = spans[slot]
                        rows.append({"construction": construction, "case": case, "variant": v, "slot": slot,
                                     "text": text, "actor": names[slot],
                                     "alias": text[s:e], "start": s, "end": e, "expected": stance})
    for n, (text, expected) in enumerate(ISSUE_EXAMPLES):
        for alias, stance in expected.items():
            s = text.index(alias)
            rows.append({"construction": "issue_examples", "case": f"issue_examples:{n}", "variant": 0,
                         "slot": alias,
                         "text": text, "actor": ISSUE_ACTORS[alias], "alias": alias, "start": s,
                         "end": s + len(alias), "expected": stance})
    return pd.DataFrame(rows, columns=CASE_COLUMNS)


def predict(method, text: str, spans: list[tuple[int, int]]) -> int:
    """One method's stance for a power named at ``spans`` of ``text`` (its most specific scope)."""
    rows = method.score_mentions(text, spans)
    row = next((r for r in rows if r["scope"] in ("target", "clause")), rows[-1])
    return int(row["stance"])


def run_suite(methods=None, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each case x power x method: the cases' columns plus method, predicted, passed.

    ``methods`` defaults to every method the validation compares (:data:`vocab.EVAL_METHODS`).
    """
    from .scoring import get_method
    from .vocab import EVAL_METHODS

    cases = suite() if cases is None else cases
    out = []
    for name in methods or EVAL_METHODS:
        method = get_method(name)
        predicted = [predict(method, r.text, [(r.start, r.end)]) for r in cases.itertuples(index=False)]
        out.append(cases.assign(method=name, predicted=predicted))
    table = pd.concat(out, ignore_index=True)
    table["passed"] = table["predicted"] == table["expected"]
    return table


def pass_rates(results: pd.DataFrame, variant: int | None = 0) -> pd.DataFrame:
    """Share of cases passed per construction (rows) and method (columns), with ``all``.

    A case passes when every power in it gets its expected stance. Only variant 0
    (the plain names) counts by default; ``variant=None`` counts every variant.
    """
    data = results if variant is None else results[results["variant"] == variant]
    per_case = data.groupby(["method", "construction", "case", "variant"], sort=False)["passed"].all()
    table = per_case.groupby(["construction", "method"], sort=False).mean().unstack("method")
    overall = per_case.groupby("method", sort=False).mean()
    table.loc["all"] = overall
    counts = per_case.groupby("construction", sort=False).size() // max(1, data["method"].nunique())
    table.insert(0, "cases", counts.reindex(table.index).fillna(counts.sum()).astype(int))
    return table


def invariance(results: pd.DataFrame) -> pd.DataFrame:
    """Per method: share of (case, slot) whose prediction is the same under every renaming
    of the powers (other aliases, or the two powers swapped)."""
    same = results.groupby(["method", "case", "slot"], sort=False)["predicted"].nunique() == 1
    return same.groupby("method", sort=False).mean().rename("invariant").to_frame()
