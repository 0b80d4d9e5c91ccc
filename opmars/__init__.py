"""Opmars: the open platform for Dutch burgercollectieven."""
