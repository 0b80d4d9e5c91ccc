"""Content negotiation on the record URLs (decision 0050): a GET of /collectieven/<slug>/,
/netwerken/<slug>/, /gemeenten/<code>/ or /provincies/<code>/ that prefers Turtle or JSON-LD
over HTML gets 303 See Other to the same record's .ttl or .jsonld; browsers get the page.

A middleware outside the shared page cache (opmars/caching/http.py), whose keys ignore Accept:
an RDF request never reaches it, so it can neither be served the cached HTML nor store its
answer as the page. Those URLs' answers say `Vary: Accept` for caches on the way.
"""

import re

from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers

RECORD = re.compile(r"^/(collectieven|netwerken|gemeenten|provincies)/([-\w]+)/$")
# The first is the default: a tie, or */*, or no Accept header at all, gets the page.
OFFERED = ["text/html", "application/xhtml+xml", "text/turtle", "application/ld+json"]
EXTENSIONS = {"text/turtle": "ttl", "application/ld+json": "jsonld"}


class SeeOther(HttpResponseRedirect):
    status_code = 303


def negotiate(get_response):
    def middleware(request):
        match = RECORD.match(request.path)
        if match is None:
            return get_response(request)
        if request.method in ("GET", "HEAD"):
            extension = EXTENSIONS.get(request.get_preferred_type(OFFERED))
            if extension:
                response = SeeOther(f"/{match[1]}/{match[2]}.{extension}")
                patch_vary_headers(response, ["Accept"])
                return response
        response = get_response(request)
        patch_vary_headers(response, ["Accept"])
        return response

    return middleware
