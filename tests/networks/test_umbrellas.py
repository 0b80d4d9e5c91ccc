"""The eight umbrellas behind the manifesto exist in every installation, not only the demo."""

from opmars.networks.models import Network
from opmars.networks.umbrellas import UMBRELLAS, ensure_umbrellas


def test_the_eight_umbrellas_exist_after_migrate(db):
    umbrellas = Network.objects.filter(kind="landelijk", is_reference=True)
    assert set(umbrellas.values_list("slug", flat=True)) == {slug for slug, _ in UMBRELLAS}
    assert not umbrellas.filter(is_demo=True).exists()


def test_loading_twice_changes_nothing(db):
    before = Network.objects.count()
    ensure_umbrellas()
    assert Network.objects.count() == before
