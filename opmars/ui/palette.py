"""One fixed colour per kind of collective, for the map markers and the legend.

Colours from Paul Tol's colour-blind-safe schemes ('muted' plus a few of 'vibrant'); markers also
get a dark outline so the light colours stay visible on the pale map.
"""

# Keyed by the kind's code (registry.vocab.Kind); tests/web/test_charts.py checks every kind
# has one.
KIND_COLOURS = {
    "bewonersinitiatief": "#CC6677",
    "buurtcooperatie": "#882255",
    "bewonersbedrijf": "#AA4499",
    "lokaal_fonds": "#DDCC77",
    "energiecooperatie": "#EE7733",
    "zorgcooperatie": "#0077BB",
    "dorpsraad": "#117733",
    "wooncooperatie": "#332288",
    "voedselcollectief": "#999933",
    "natuurcollectief": "#44AA99",
    "mobiliteitscollectief": "#88CCEE",
    "sociale_onderneming": "#EE3377",
    "overig": "#BBBBBB",
}


def legend(choices):
    """[{code, label, colour}] for (code, label) choices, in their order."""
    return [
        {"code": code, "label": str(label), "colour": KIND_COLOURS[code]} for code, label in choices
    ]
