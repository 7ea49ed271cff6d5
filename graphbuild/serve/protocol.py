"""The SPARQL 1.1 Protocol's request side: body, charset, parameters, content negotiation.

Each function reads one part of a request and raises :class:`~graphbuild.errors.RequestError`
with the HTTP status to answer when that part is malformed, so the handler never guesses.

Example:
    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", ["text/csv",
    ...     "application/sparql-results+json"])
    'application/sparql-results+json'
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from urllib.parse import parse_qs, urlsplit

from graphbuild.errors import RequestError

MAX_BODY = 10_000_000  # bytes; a longer request body is refused with 413


@dataclass(frozen=True, slots=True)
class SparqlRequest:
    """A query or update with the RDF dataset the protocol parameters name.

    ``default_graphs`` / ``named_graphs`` come from ``default-graph-uri`` / ``named-graph-uri``
    (``using-graph-uri`` / ``using-named-graph-uri`` for updates); when either is given the
    dataset is exactly what they list, as the protocol says.
    """

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    """(media range, q) per entry of an Accept header; a malformed q counts as 0."""
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(media: str, ranges: Sequence[tuple[str, float]]) -> float:
    """The q of ``media`` under the most specific range that matches it (RFC 9110 §12.5.1)."""
    kind = media.split("/")[0]
    best: tuple[int, float] = (-1, 0.0)
    for rng, q in ranges:
        specificity = 2 if rng == media else 1 if rng == f"{kind}/*" else 0 if rng == "*/*" else -1
        if specificity > best[0]:
            best = (specificity, q)
    return best[1]


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client accepts most (ties: the first offered), None if it
    accepts none of them; an empty Accept takes the first offered. ``q=0`` means never.

    Example:
        >>> negotiate("text/turtle;q=0, */*;q=0.1", ["text/turtle", "application/n-triples"])
        'application/n-triples'
        >>> negotiate("image/png", ["text/turtle"]) is None
        True
    """
    ranges = _parse_accept(accept or "")
    if not ranges:
        return offered[0] if offered else None
    scored = [(_quality(m, ranges), -i, m) for i, m in enumerate(offered)]
    q, _, media = max(scored, default=(0.0, 0, ""))
    return media if q > 0 else None


def read_body(headers: Message, rfile: io.BufferedIOBase) -> bytes:
    """The request body, after checking Content-Length: a missing one is an empty body,
    chunked bodies are refused (411), a non-number or negative one is 400, too long is 413."""
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        raise RequestError(411, "chunked request bodies are not supported; send Content-Length")
    raw = (headers.get("Content-Length") or "0").strip()
    if not raw.isdigit():  # also refuses "-1", "+5", "1e3"
        raise RequestError(400, f"Content-Length must be a whole number ≥ 0, not {raw!r}")
    length = int(raw)
    if length > MAX_BODY:
        raise RequestError(413, f"request body of {length} bytes is over {MAX_BODY}")
    return rfile.read(length) if length else b""


def content_type(headers: Message) -> tuple[str, str]:
    """(media type, charset) of the request body; charset defaults to UTF-8. An encoding
    Python does not know is 415."""
    msg = Message()
    msg["Content-Type"] = headers.get("Content-Type") or "application/octet-stream"
    charset = str(msg.get_param("charset") or "utf-8")
    try:
        codecs.lookup(charset)
    except LookupError:
        raise RequestError(415, f"charset {charset!r} is not supported; send UTF-8") from None
    return msg.get_content_type(), charset


def decode(body: bytes, charset: str) -> str:
    """The body as text in its declared charset (400 if it is not in that charset)."""
    try:
        return body.decode(charset)
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"request body is not valid {charset}: {exc.reason}") from None


def form_fields(text: str, charset: str = "utf-8") -> dict[str, list[str]]:
    """The fields of a query string or form body (percent-escapes decoded in ``charset``)."""
    try:
        return parse_qs(text, keep_blank_values=True, encoding=charset, errors="strict")
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"form fields are not valid {charset}: {exc.reason}") from None


def _one(fields: Mapping[str, list[str]], name: str, body: str | None) -> str:
    """The single value of parameter ``name`` (or the direct body); 400 if missing or twice."""
    values = list(fields.get(name, [])) + ([body] if body is not None else [])
    if not values or not values[0].strip():
        raise RequestError(
            400, f"missing {name} (a '{name}' parameter or an application/sparql-{name} body)"
        )
    if len(values) > 1:
        raise RequestError(400, f"{len(values)} {name} parameters given; send exactly one")
    return values[0]


def _iris(fields: Mapping[str, list[str]], name: str) -> tuple[str, ...]:
    """The values of an IRI parameter, each checked to be an absolute IRI (400 otherwise)."""
    values = tuple(fields.get(name, []))
    for value in values:
        if not urlsplit(value).scheme or any(c in value for c in '<>" {}|\\^`'):
            raise RequestError(400, f"{name} must be an absolute IRI, not {value!r}")
    return values


def sparql_request(
    fields: Mapping[str, list[str]], body: str | None = None, *, update: bool = False
) -> SparqlRequest:
    """The query (or update) and its dataset from the request's parameters; ``body`` is a
    direct ``application/sparql-query`` (or ``-update``) body, if that was sent.

    Example:
        >>> sparql_request({"query": ["ASK {}"], "default-graph-uri": ["urn:g"]}).default_graphs
        ('urn:g',)
    """
    name, default, named = (
        ("update", "using-graph-uri", "using-named-graph-uri")
        if update
        else ("query", "default-graph-uri", "named-graph-uri")
    )
    return SparqlRequest(_one(fields, name, body), _iris(fields, default), _iris(fields, named))
