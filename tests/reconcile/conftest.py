"""A small register for the reconciliation service: namesakes in two municipalities, one of
them in a municipality made of former ones (Boxmeer is Land van Cuijk since 2022), and an
unlisted collective that must never come back."""

from types import SimpleNamespace

import pytest

from opmars.registry.models import Collective


@pytest.fixture
def register(make_collective):
    boxmeer = make_collective(
        name="Energiecoöperatie Boxmeer",
        kind="energiecooperatie",
        municipality="GM1982",
        postcode="5831 AB",
        website="https://www.boxmeer-energie.nl",
    )
    oss = make_collective(
        name="Energiecoöperatie Oss", kind="energiecooperatie", municipality="GM0828"
    )
    belang = make_collective(
        name="Vereniging Plaatselijk Belang Vierlingsbeek",
        kind="dorpsraad",
        legal_form="vereniging",
        municipality="GM1982",
    )
    park = make_collective(name="Buurtcoöperatie Oosterpark", postcode="1091 AA")
    hidden = make_collective(name="Moestuin Achter De Schermen", kind="voedselcollectief")
    Collective.objects.filter(pk=hidden.pk).update(is_unlisted=True)
    return SimpleNamespace(boxmeer=boxmeer, oss=oss, belang=belang, park=park, hidden=hidden)
