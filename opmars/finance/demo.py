"""The demo's financing routes: opmars/data/finance_routes.csv, a few real, sourced routes
(checked against their source on the date in 'laatst_nagekeken') and many fictitious ones,
named and marked as such, so that demo collectives of every kind find routes that fit."""

from pathlib import Path

from opmars.finance import actions
from opmars.finance.models import FinanceRoute

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "finance_routes.csv"


def generate_demo(seed, progress=None):
    plan = actions.load_seed(SEED_FILE)
    if progress:
        demo = FinanceRoute.objects.filter(is_demo=True).count()
        progress(
            f"Financieringsroutes: {len(plan.rows)} routes ({len(plan.rows) - demo} echt, met "
            f"bron; {demo} fictief)."
        )
