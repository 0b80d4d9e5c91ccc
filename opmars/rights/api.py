"""API: a municipality's local rights and the cases where collectives used them."""

from ninja import Router

router = Router(tags=["local rights"])
