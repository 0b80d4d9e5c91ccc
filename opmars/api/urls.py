"""The JSON API at /api/v1/: OpenAPI schema at openapi.json, its documentation page at docs."""

import opmars.finance.api
import opmars.geo.api
import opmars.impact.api
import opmars.knowledge.api
import opmars.monitor.api
import opmars.networks.api
import opmars.registry.api
import opmars.registry.areas_api
import opmars.rights.api
from opmars.api.docs import AccessibleDocs
from opmars.api.errors import ShapedErrorsAPI, install_error_handlers

api = ShapedErrorsAPI(
    title="Opmars API",
    version="1",
    # Our own page from the schema (opmars/api/docs.py): accessible, offline, in the site's
    # language and layout, no script needed.
    docs=AccessibleDocs(),
    description=(
        "Open data about Dutch burgercollectieven (citizen collectives). Reading needs no key; "
        "writing (the `writing` endpoints) needs a write token, sent as `Authorization: Bearer "
        "<token>` and made on /account/tokens/. Every 4xx answer has the shape "
        '{"errors": [{"field", "code", '
        '"message"}]}. Generated example records carry "demo": true. Locations are public '
        "points: exact only for a public address, otherwise the postcode area or municipality. "
        "Guide: docs/api.md."
    ),
)
install_error_handlers(api)
# Each domain app keeps its endpoints in its own api.py (the registry's area counts in
# areas_api.py); the order of the routers is the order of the paths in the schema.
api.add_router("", opmars.registry.api.router)
api.add_router("", opmars.registry.areas_api.router)
api.add_router("", opmars.geo.api.router)
api.add_router("", opmars.impact.api.router)
api.add_router("", opmars.networks.api.router)
api.add_router("", opmars.knowledge.api.router)
api.add_router("", opmars.monitor.api.router)
api.add_router("", opmars.rights.api.router)
api.add_router("", opmars.finance.api.router)
