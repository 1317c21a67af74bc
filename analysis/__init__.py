"""Reproducible analysis behind the monthly Sleeper Cell Report (ISIS in North and East Syria).

Data flow one way: raw tables -> schemas (validate) -> places (gazetteer) -> clean -> panel -> outputs.
"""

__version__ = "0.1.0"
