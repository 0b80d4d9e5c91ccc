"""The demo's local rights: the entries in opmars/data/local_rights.csv (a few real, sourced
ones; the rest marked fictitious) and fictitious cases by demo collectives."""

import random
from pathlib import Path

from django.db import transaction

from opmars.accounts.audit import AuditAction, record
from opmars.registry.models import Collective
from opmars.rights import actions
from opmars.rights.models import LocalRight, Outcome, RightCase, Status

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "local_rights.csv"
SUBJECTS = {
    "uitdaagrecht": ["groenonderhoud in de wijk", "beheer van het buurthuis",
                     "onderhoud van de speeltuin"],
    "buurtrechten": ["een eigen buurtbudget", "een buurtplan voor de dorpskern"],
    "recht_op_overname": ["overname van het dorpshuis", "aankoop van de oude school"],
}  # fmt: skip
CASES = 6


def generate_demo(seed, progress=None):
    plan = actions.load_seed(SEED_FILE)
    cases = _cases(random.Random(seed))
    if progress:
        progress(
            f"Lokale rechten: {len(plan.rows)} vermeldingen (de meeste fictief) en {cases} "
            "fictieve zaken."
        )


@transaction.atomic
def _cases(rng):
    """Fictitious cases: demo collectives seated where a fictitious entry says ja."""
    made = 0
    entries = list(
        LocalRight.objects.filter(is_demo=True, status=Status.JA).order_by("municipality", "right")
    )
    rng.shuffle(entries)
    for entry in entries:
        if made >= CASES:
            break
        collective = (
            Collective.objects.filter(is_demo=True, municipality_id=entry.municipality_id)
            .order_by("slug")
            .first()
        )
        if collective is None:
            continue
        case = RightCase.objects.create(
            municipality_id=entry.municipality_id,
            right=entry.right,
            collective=collective,
            collective_name=collective.name,
            year=max(entry.since.year, 2023) if entry.since else 2024,
            subject=rng.choice(SUBJECTS[entry.right]),
            outcome=rng.choice(Outcome.values),
            source_url=f"https://example.org/fictief/{entry.municipality_id.lower()}/besluit",
            note="Fictief voorbeeld voor de demo.",
            is_demo=True,
        )
        record(None, AuditAction.RIGHT_CASE_SAVE, case, {"via": "demo", "nieuw": True})
        made += 1
    return made
