"""Reading the de-quotes corpus and moving between character spans and its tokens.

The corpus (German Wikinews, quotation attribution; see ``docs/evaluation.md``) stores each
article with its own tokenisation; every role of an annotation is a list of *global* token
ids. graphbuild works with character offsets, so predictions are aligned to the corpus
tokens before scoring: a token belongs to a predicted span when the two overlap by at least
one character.

Example:
    >>> doc = CorpusDoc("d1", "d1", "Er sagte: „Ja.“", ((0, 2), (3, 8), (8, 9), (10, 15)), ())
    >>> align(doc.tokens, [(10, 15)])
    (3,)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.errors import InputError

ROLES: tuple[str, ...] = ("quote", "addressee", "cue", "frame", "speaker")
TYPES: tuple[str, ...] = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")


@dataclass(frozen=True, slots=True)
class CorpusQuote:
    """One annotation: role name → sorted global token ids, plus type and medium."""

    roles: Mapping[str, tuple[int, ...]]
    type: str | None = None
    medium: str | None = None
    id: int = 0
    spans: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def tokens(self, role: str) -> tuple[int, ...]:
        """Token ids of a role, empty when absent."""
        return self.roles.get(role, ())


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """An article of the corpus: its text, its tokens as (start, end) offsets, its quotes."""

    id: str
    name: str
    text: str
    tokens: tuple[tuple[int, int], ...]
    quotes: tuple[CorpusQuote, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


def align(tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> tuple[int, ...]:
    """Ids of the tokens that overlap any of the character spans, sorted.

    Tokens are sorted by offset, so each span is located by binary search.

    Example:
        >>> align([(0, 3), (4, 9), (10, 12)], [(2, 5)])
        (0, 1)
    """
    from bisect import bisect_right

    starts = [t[0] for t in tokens]
    found: set[int] = set()
    for s, e in spans:
        if e <= s:
            continue
        i = max(bisect_right(starts, s) - 1, 0)
        while i < len(tokens) and tokens[i][0] < e:
            if tokens[i][1] > s:
                found.add(i)
            i += 1
    return tuple(sorted(found))


def token_spans(token_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Runs of consecutive token ids as (begin, end) token ranges, end exclusive.

    Example:
        >>> token_spans([3, 4, 5, 9])
        [(3, 6), (9, 10)]
    """
    runs: list[tuple[int, int]] = []
    for t in sorted(set(token_ids)):
        if runs and runs[-1][1] == t:
            runs[-1] = (runs[-1][0], t + 1)
        else:
            runs.append((t, t + 1))
    return runs


def _role(
    obj: Any, where: str, line: int | None
) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    if obj is None or obj == []:
        return (), ()
    if not isinstance(obj, Mapping):
        raise InputError(where, "a role must be an object with 'tokenIds' and 'spans'", line)
    ids = obj.get("tokenIds", [])
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise InputError(where, "'tokenIds' must be a list of integers", line)
    spans = []
    for sp in obj.get("spans", []) or []:
        try:
            spans.append((int(sp["charBegin"]), int(sp["charEnd"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(where, f"a span lacks charBegin/charEnd ({exc})", line) from exc
    return tuple(sorted(set(ids))), tuple(spans)


def parse_doc(obj: Any, where: str, line: int | None = None) -> CorpusDoc:
    """One corpus object (a JSON line or file) → CorpusDoc; InputError names what is wrong."""
    if not isinstance(obj, Mapping):
        raise InputError(where, "expected a JSON object per document", line)
    text = obj.get("originalText")
    if not isinstance(text, str):
        raise InputError(where, "missing 'originalText'", line)
    tokens = []
    for i, tok in enumerate(obj.get("tokens") or []):
        try:
            tokens.append((int(tok["charBegin"]), int(tok["charEnd"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(where, f"token {i} lacks charBegin/charEnd ({exc})", line) from exc
    if tokens != sorted(tokens):
        raise InputError(where, "tokens are not in text order", line)
    quotes = []
    for k, ann in enumerate(obj.get("annotations") or []):
        if not isinstance(ann, Mapping):
            raise InputError(where, f"annotation {k} is not an object", line)
        roles: dict[str, tuple[int, ...]] = {}
        spans: dict[str, tuple[tuple[int, int], ...]] = {}
        for role in ROLES:
            roles[role], spans[role] = _role(ann.get(role), where, line)
        quotes.append(
            CorpusQuote(
                roles=roles,
                type=ann.get("type"),
                medium=ann.get("medium"),
                id=int(ann.get("id", k)),
                spans=spans,
            )
        )
    name = str(obj.get("documentName") or obj.get("id") or where)
    doc_id = str(obj.get("id") or name)
    return CorpusDoc(doc_id, name, text, tuple(tokens), tuple(quotes), raw=obj)


def read_corpus(path: Path | str, limit: int | None = None) -> Iterator[CorpusDoc]:
    """Documents of a corpus ``.jsonl`` file or of a folder of per-article ``.json`` files.

    Raises InputError (file and line) on unreadable input.

    Example:
        >>> docs = list(read_corpus("tests/data/dequotes_slice.jsonl"))  # doctest: +SKIP
    """
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file or folder; pass a de-quotes .jsonl or folder")
    count = 0
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ".json")
        if not files:
            raise InputError(str(path), "folder holds no .json documents")
        for f in files:
            if limit is not None and count >= limit:
                return
            try:
                obj = json.loads(f.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(str(f), f"not valid UTF-8 JSON: {exc}") from exc
            yield parse_doc(obj, str(f))
            count += 1
        return
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not valid JSON: {exc.msg}", n) from exc
            yield parse_doc(obj, str(path), n)
            count += 1
