"""http(s) URLs: fetching (stdlib urllib, bounded size and time) and article ids from URLs.

An article fetched from the web is identified by its canonical URL (fragment and tracking
parameters removed), so fetching it again — from a feed or a URL list — finds the same
article, and a changed page replaces the old version.

Example:
    >>> canonical_url("HTTPS://Example.org/a/b?utm_source=x&id=3#top")
    'https://example.org/a/b?id=3'
    >>> id_from_url("https://example.org/a/b?id=3")
    'example.org/a/b?id=3'
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from graphbuild.errors import InputError

USER_AGENT = "graphbuild/0.1 (+https://graphbuild.example.org/; news knowledge graphs)"
DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 10_000_000
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "wt_mc", "at_medium", "at_campaign")


def is_url(source: str) -> bool:
    """True for http:// and https:// addresses."""
    return source.lower().startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not k.lower().startswith(_TRACKING)]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


def id_from_url(url: str) -> str:
    """The article id of a URL: its canonical form without the scheme."""
    canon = canonical_url(url)
    return canon.split("://", 1)[1] if "://" in canon else canon


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: final URL after redirects, media type, declared charset, bytes."""

    url: str
    media_type: str
    charset: str | None
    data: bytes


def fetch(
    url: str, timeout: float = DEFAULT_TIMEOUT_S, max_bytes: int = DEFAULT_MAX_BYTES
) -> Fetched:
    """GET ``url``; InputError (naming the URL and the reason) on any network or HTTP failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            data = resp.read(max_bytes + 1)
            headers: Message = resp.headers
            final = resp.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"cannot fetch: {exc.reason}") from exc
    except (TimeoutError, OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from exc
    if len(data) > max_bytes:
        raise InputError(url, f"larger than {max_bytes:,} bytes; skipped")
    return Fetched(
        url=final,
        media_type=headers.get_content_type().lower(),
        charset=headers.get_content_charset(),
        data=data,
    )
