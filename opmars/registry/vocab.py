"""Stable codes of DESIGN.md's vocabularies, with Dutch labels (English via translation)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    BEWONERSINITIATIEF = "bewonersinitiatief", _("Bewonersinitiatief")
    BUURTCOOPERATIE = "buurtcooperatie", _("Wijk- of buurtcoöperatie")
    BEWONERSBEDRIJF = "bewonersbedrijf", _("Bewonersbedrijf (wijkbedrijf)")
    LOKAAL_FONDS = "lokaal_fonds", _("Lokaal fonds")
    ENERGIECOOPERATIE = "energiecooperatie", _("Energiecoöperatie of energiecollectief")
    ZORGCOOPERATIE = "zorgcooperatie", _("Zorgcoöperatie of zorgzame gemeenschap")
    DORPSRAAD = "dorpsraad", _("Dorpsraad, dorpsbelang of kleine-kernenvereniging")
    WOONCOOPERATIE = "wooncooperatie", _("Wooncoöperatie")
    VOEDSELCOLLECTIEF = "voedselcollectief", _("Voedselcollectief")
    NATUURCOLLECTIEF = "natuurcollectief", _("Natuurcollectief")
    MOBILITEITSCOLLECTIEF = "mobiliteitscollectief", _("Mobiliteitscollectief")
    SOCIALE_ONDERNEMING = "sociale_onderneming", _("Sociale onderneming")
    OVERIG = "overig", _("Overig")


class LegalForm(models.TextChoices):
    VERENIGING = "vereniging", _("Vereniging")
    COOPERATIE_UA = "cooperatie_ua", _("Coöperatie U.A.")
    COOPERATIE_BA = "cooperatie_ba", _("Coöperatie B.A.")
    COOPERATIE_WA = "cooperatie_wa", _("Coöperatie W.A.")
    STICHTING = "stichting", _("Stichting")
    BV = "bv", _("Besloten vennootschap (bv)")
    INFORMEEL = "informeel", _("Informeel (geen rechtsvorm)")
    OVERIG = "overig", _("Overig")


class Status(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    SLAPEND = "slapend", _("Slapend")
    GESTOPT = "gestopt", _("Gestopt")


class Domain(models.TextChoices):
    ENERGIE = "energie", _("Energie")
    ZORG_WELZIJN = "zorg_welzijn", _("Zorg en welzijn")
    WONEN = "wonen", _("Wonen")
    VOEDSEL = "voedsel", _("Voedsel")
    NATUUR_GROEN = "natuur_groen", _("Natuur en groen")
    MOBILITEIT = "mobiliteit", _("Mobiliteit")
    CULTUUR = "cultuur", _("Cultuur")
    SPORT = "sport", _("Sport")
    LEEFBAARHEID_ONTMOETING = "leefbaarheid_ontmoeting", _("Leefbaarheid en ontmoeting")
    WERK_ECONOMIE = "werk_economie", _("Werk en economie")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    FINANCIERING = "financiering", _("Financiering")


class LocationPrecision(models.TextChoices):
    ADDRESS = "adres", _("Adres (openbaar adres)")
    POSTCODE = "postcode", _("Postcodegebied (4 cijfers)")
    MUNICIPALITY = "gemeente", _("Gemeente")


DEFINITIONS = {
    "kind": _("Soort collectief: wat voor organisatie het is."),
    "legal_form": _("Rechtsvorm zoals ingeschreven bij de KvK; 'informeel' als er geen is."),
    "status": _(
        "Actief: doet nu activiteiten. Slapend: tijdelijk geen activiteiten. Gestopt: opgeheven."
    ),
    "domain": _("Maatschappelijke terreinen waarop het collectief werkt (meer dan één mag)."),
}

VOCABULARIES = {
    "kind": Kind,
    "legal_form": LegalForm,
    "status": Status,
    "domain": Domain,
}

# The burgercollectief characteristics (DESIGN.md), in display order with a one-line meaning.
CHARACTERISTICS = [
    ("is_voluntary", _("Vrijwillig"), _("Mensen doen vrijwillig mee.")),
    ("is_not_for_profit", _("Zonder winstoogmerk"), _("Winst gaat terug naar het doel.")),
    ("has_societal_goal", _("Maatschappelijk doel"), _("Het werkt aan een gedeeld publiek doel.")),
    ("is_open", _("Open voor iedereen"), _("Iedereen uit de buurt of groep kan meedoen.")),
    ("is_democratic", _("Democratisch bestuurd"), _("Leden of deelnemers beslissen samen.")),
    ("is_local", _("Lokaal geworteld"), _("Het is van en voor de eigen omgeving.")),
]


class EventKind(models.TextChoices):
    """What can happen in a collective's life (registry/history.py)."""

    OPGERICHT = "opgericht", _("opgericht")
    ACTIEF = "actief", _("actief geworden")
    SLAPEND = "slapend", _("slapend geworden")
    HERACTIVEERD = "heractiveerd", _("weer actief geworden")
    GESTOPT = "gestopt", _("gestopt")
    SAMENGEVOEGD = "samengevoegd", _("samengevoegd met een ander collectief")
    RECHTSVORM = "rechtsvorm", _("rechtsvorm gewijzigd")
    BETAALDE_KRACHT = "betaalde_kracht", _("eerste betaalde kracht")
    LID_NETWERK = "lid_netwerk", _("lid geworden van een netwerk")
    UIT_NETWERK = "uit_netwerk", _("uit een netwerk gegaan")


class DatePrecision(models.TextChoices):
    DAG = "dag", _("dag")
    JAAR = "jaar", _("jaar")
    # The status is known but not when it began: dated the latest day it can have begun (the
    # day Opmars heard of it, or the year of a later stop).
    ONBEKEND = "onbekend", _("datum onbekend")


VOCABULARIES["event_kind"] = EventKind
DEFINITIONS["event_kind"] = _(
    "Wat er in het leven van een collectief gebeurde, met een datum: de cijfers van een jaar "
    "volgen uit deze gebeurtenissen."
)
