"""What pages and reports draw with: chart geometry (charts), stand-alone SVG and PNG (svg) and
the colours (palette). Kernel level, like opmars/common: it imports no domain app; callers pass
in what they draw."""
