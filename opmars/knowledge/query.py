"""Read-side helpers for the knowledge library and questions."""


def for_network(network):
    """Knowledge items and open questions of a network's members, for the network page."""
    return {"knowledge_items": [], "open_questions": []}


def shared_counts(collective_ids):
    """{collective id: number of knowledge items it shared}, for matching and recognition."""
    return {}
