"""Errors graphbuild raises. Only ``cli.py`` turns them into one line on stderr.

::

    GraphbuildError
    ├── InputError      a file, URL or record could not be read (source, line)
    ├── ModelError      a spaCy pipeline could not be loaded
    ├── OntologyError   the ontology or shapes are broken, or a graph fails validation
    ├── StoreError      the store cannot be opened, is locked, or a write failed
    ├── QueryError      a SPARQL query is invalid or failed (line, column)
    │   ├── QueryTimeoutError   it ran past its time limit and was stopped
    │   ├── UnknownQueryError   no saved query has that name
    │   └── RefusedQueryError   it asks for SERVICE or LOAD to a host not allowed
    └── RequestError    an HTTP request to the endpoint is malformed (status)

Every message says what to do next.
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""


class InputError(GraphbuildError):
    """An input could not be read or decoded; names the source and, if known, the line."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class ModelError(GraphbuildError):
    """A spaCy pipeline could not be found or loaded."""


class OntologyError(GraphbuildError):
    """The ontology or SHACL shapes are missing, broken, or the graph does not conform."""


class StoreError(GraphbuildError):
    """The RDF store cannot be opened (e.g. it is in use) or a transaction failed."""


class QueryError(GraphbuildError):
    """A SPARQL query could not be parsed or run."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped; narrow it or add a LIMIT."""


class UnknownQueryError(QueryError):
    """No saved query has the asked name; the message lists the known ones."""


class RefusedQueryError(QueryError):
    """The query asks for a federated ``SERVICE`` call or a ``LOAD`` from a host the endpoint
    was not told to allow (``serve --allow-federation HOST``)."""


class RequestError(GraphbuildError):
    """An HTTP request to the endpoint is malformed; ``status`` is the HTTP status to answer.

    Example:
        >>> RequestError(415, "charset koi8-x is not supported; send UTF-8").status
        415
    """

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)
