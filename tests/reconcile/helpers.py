"""Requests and reading answers of the reconciliation service, as the tests need them."""

import json


def ask(client, queries, method="post"):
    """One batch as OpenRefine sends it: the JSON in the form field `queries`."""
    if method == "get":
        return client.get("/api/reconcile", {"queries": json.dumps(queries)})
    return client.post("/api/reconcile", {"queries": json.dumps(queries)})


def top(answer, key="q0"):
    result = answer.json()[key]["result"]
    return result[0] if result else None


def features(candidate):
    return {f["id"]: f["value"] for f in candidate["features"]}
