"""One fixed colour per kind of collective, for the map markers and the legend.

Colours from Paul Tol's colour-blind-safe schemes ('muted' plus a few of 'vibrant'); markers also
get a dark outline so the light colours stay visible on the pale map.
"""

from opmars.registry.vocab import Kind

KIND_COLOURS = {
    Kind.BEWONERSINITIATIEF: "#CC6677",
    Kind.BUURTCOOPERATIE: "#882255",
    Kind.BEWONERSBEDRIJF: "#AA4499",
    Kind.LOKAAL_FONDS: "#DDCC77",
    Kind.ENERGIECOOPERATIE: "#EE7733",
    Kind.ZORGCOOPERATIE: "#0077BB",
    Kind.DORPSRAAD: "#117733",
    Kind.WOONCOOPERATIE: "#332288",
    Kind.VOEDSELCOLLECTIEF: "#999933",
    Kind.NATUURCOLLECTIEF: "#44AA99",
    Kind.MOBILITEITSCOLLECTIEF: "#88CCEE",
    Kind.SOCIALE_ONDERNEMING: "#EE3377",
    Kind.OVERIG: "#BBBBBB",
}


def legend():
    """[{code, label, colour}] in the vocabulary's order."""
    return [
        {"code": kind.value, "label": str(kind.label), "colour": KIND_COLOURS[kind]}
        for kind in Kind
    ]
