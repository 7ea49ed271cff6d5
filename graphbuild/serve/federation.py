"""Which remote hosts a SPARQL query or update would make the server contact.

Oxigraph answers ``SERVICE <iri> { … }`` by sending the sub-query to ``iri`` over HTTP, and
``LOAD <iri>`` fetches a document from ``iri``. On an endpoint anyone can query that is a
server-side request forgery: the server POSTs to any address a client names, and its answers
tell which internal ports are open. The endpoint therefore refuses both unless the target's
host is on the list given with ``serve --allow-federation HOST[:PORT]``.

The check reads the request as SPARQL's grammar cuts it into tokens: ``\\u`` escapes are
decoded first (SPARQL 1.1 §19.2 lets them stand anywhere), then comments, string literals and
IRIs are read whole, so ``SERVICE`` inside them is no keyword; a keyword is a whole word, not
part of a prefixed name (``ex:service``) or a variable (``?service``), in any letter case.
It fails closed: a ``SERVICE`` whose endpoint is a variable, a relative IRI without ``BASE``
or a prefixed name with an undeclared prefix is refused, whatever the allow-list says.

Example:
    >>> calls("SELECT * { SERVICE SILENT <http://127.0.0.1:7991/x> { ?s ?p ?o } }")
    (Call(keyword='SERVICE', target='http://127.0.0.1:7991/x'),)
    >>> calls("SELECT * { ?s <http://example.org/service> 'SERVICE <http://x/>' } # SERVICE")
    ()
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from graphbuild.errors import RefusedQueryError

# SPARQL 1.1 §19.8 terminals, tried in this order at each position (the longest sensible
# match first: a prefixed name before a bare word, a long string before a short one).
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w:%\\-]|\.(?=[\w:%\\-]))*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>\S)
    """,
    re.X | re.S,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_REMOTE = ("SERVICE", "LOAD")


@dataclass(frozen=True, slots=True)
class Call:
    """A place where the request names a remote endpoint: the keyword and the absolute IRI,
    or ``target=None`` when the endpoint is not a fixed IRI (a variable, an unknown prefix)."""

    keyword: str
    target: str | None


def _unescape(text: str) -> str:
    """Decode ``\\uXXXX`` and ``\\UXXXXXXXX`` as a SPARQL parser does before it reads tokens."""

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(char, text)


def tokens(sparql: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of each token of ``sparql`` except comments; kind is a group of ``_TOKEN``.

    Example:
        >>> list(tokens('SERVICE#c\\n<http://h/>'))
        [('word', 'SERVICE'), ('iri', '<http://h/>')]
    """
    for m in _TOKEN.finditer(_unescape(sparql)):
        kind = m.lastgroup or "other"
        if kind != "comment":
            yield kind, m.group(0)


def _resolve(kind: str, text: str, prefixes: Mapping[str, str], base: str | None) -> str | None:
    """The absolute IRI a target token stands for, or None if it is not a fixed IRI."""
    if kind == "iri":
        iri = urljoin(base, text[1:-1]) if base else text[1:-1]
    elif kind == "pname":
        prefix, _, local = text.partition(":")
        if prefix not in prefixes:
            return None
        iri = prefixes[prefix] + local
    else:
        return None
    return iri if urlsplit(iri).scheme else None


def calls(sparql: str, prefixes: Mapping[str, str] | None = None) -> tuple[Call, ...]:
    """Every ``SERVICE`` and ``LOAD`` of a query or update with the endpoint it names.

    ``prefixes`` are those the server predefines; ``PREFIX`` and ``BASE`` declarations of the
    request are read as they come, as the parser reads them.
    """
    known = dict(prefixes or {})
    base: str | None = None
    found: list[Call] = []
    stream = list(tokens(sparql))
    for i, (kind, text) in enumerate(stream):
        word = text.upper() if kind == "word" else ""
        after = stream[i + 1 : i + 3]  # the two tokens that follow
        if word == "PREFIX" and len(after) == 2 and after[1][0] == "iri":
            known[after[0][1].rstrip(":")] = after[1][1][1:-1]
        elif word == "BASE" and after and after[0][0] == "iri":
            base = _resolve("iri", after[0][1], known, base)
        elif word in _REMOTE:
            if after and after[0][0] == "word" and after[0][1].upper() == "SILENT":
                after = after[1:]
            target = _resolve(after[0][0], after[0][1], known, base) if after else None
            found.append(Call(word, target))
    return tuple(found)


def _host_port(address: str) -> tuple[str, int | None]:
    """``host`` or ``host:port`` (IPv6 in brackets) → (lower-case host, port or None)."""
    parts = urlsplit("//" + address.strip())
    if not parts.hostname:
        raise ValueError(f"not a host name: {address!r}")
    return parts.hostname, parts.port


def allowed_hosts(addresses: Iterable[str]) -> frozenset[tuple[str, int | None]]:
    """The allow-list from ``--allow-federation`` values; ValueError on a malformed one.

    Example:
        >>> sorted(allowed_hosts(["query.wikidata.org", "127.0.0.1:7991"]))
        [('127.0.0.1', 7991), ('query.wikidata.org', None)]
    """
    return frozenset(_host_port(a) for a in addresses)


def _allows(allowed: frozenset[tuple[str, int | None]], iri: str) -> bool:
    parts = urlsplit(iri)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # a port that is no number
        return False
    return (parts.hostname, None) in allowed or (parts.hostname, port) in allowed


def check(
    sparql: str,
    allowed: frozenset[tuple[str, int | None]],
    prefixes: Mapping[str, str] | None = None,
) -> tuple[Call, ...]:
    """The request's remote calls if every one goes to an allowed host; RefusedQueryError
    naming the first that does not.

    Example:
        >>> check("ASK { SERVICE <http://10.0.0.1/> {} }", allowed_hosts([]))
        Traceback (most recent call last):
        ...
        graphbuild.errors.RefusedQueryError: SERVICE <http://10.0.0.1/> refused: this endpoint does not contact other servers (start it with --allow-federation HOST to allow one)
    """
    found = calls(sparql, prefixes)
    for call in found:
        if call.target is None:
            raise RefusedQueryError(
                f"{call.keyword} refused: its endpoint must be a fixed http(s) IRI, "
                "not a variable or an undeclared prefix"
            )
        if not _allows(allowed, call.target):
            hint = (
                "this endpoint does not contact other servers "
                "(start it with --allow-federation HOST to allow one)"
                if not allowed
                else "its host is not in --allow-federation"
            )
            raise RefusedQueryError(f"{call.keyword} <{call.target}> refused: {hint}")
    return found
