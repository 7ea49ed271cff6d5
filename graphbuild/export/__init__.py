"""Export formats by name, each imported on first use.

``FORMATS`` maps a short stable key to ``"module:function"``; ``exporter(name)`` resolves it
and names the known formats when the key is unknown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

FORMATS: dict[str, str] = {
    "ttl": "graphbuild.export.rdf:write_turtle",
    "trig": "graphbuild.export.rdf:write_trig",
    "nq": "graphbuild.export.rdf:write_nquads",
    "jsonld": "graphbuild.export.rdf:write_jsonld",
    "xml": "graphbuild.export.rdf:write_rdfxml",
    "html": "graphbuild.export.html:write_html",
    "graphml": "graphbuild.export.graphml:write_graphml",
    "gexf": "graphbuild.export.graphml:write_gexf",
}
ALIASES = {
    "turtle": "ttl",
    "nquads": "nq",
    "json-ld": "jsonld",
    "rdfxml": "xml",
    "rdf": "xml",
}


def exporter(name: str) -> Callable[..., Any]:
    key = ALIASES.get(name, name)
    if key not in FORMATS:
        raise KeyError(f"unknown export format {name!r}; known: {', '.join(sorted(FORMATS))}")
    module, func = FORMATS[key].split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]
