"""The only code that knows the stage order (named ``builder`` so that ``graphbuild.build``
stays the public function): ingest → nlp → extract → resolve → graph → export.

Example:
    >>> res = extract_article("Anna Schmidt sagte: „Wir schaffen das.“", lang="de")  # doctest: +SKIP
    >>> res.to_json()["quotes"][0]["text"]  # doctest: +SKIP
    'Wir schaffen das.'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from graphbuild.config import Settings
from graphbuild.extract import extract
from graphbuild.files import atomic_write
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.ingest import article_from_text, read_articles
from graphbuild.nlp import Pipelines
from graphbuild.resolve import resolve
from graphbuild.types import Article, Fact, Failure, Resolution


@dataclass
class BuildReport:
    """What a build did: counts for the summary table, and every failure."""

    articles: int = 0
    entities: int = 0
    quotes: int = 0
    relations: int = 0
    triples: int = 0
    failures: list[Failure] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def _pipelines(settings: Settings) -> Pipelines:
    return Pipelines(names=dict(settings.models))


def resolve_article(article: Article, pipelines: Pipelines) -> Resolution:
    """Run one article through nlp → extract → resolve."""
    doc = pipelines.get(article.lang)(article.text)
    return resolve(extract(article, doc))


def extract_article(
    text: str,
    lang: str | None = None,
    *,
    title: str = "",
    id: str = "article",
    pipelines: Pipelines | None = None,
) -> Resolution:
    """Extract and resolve one article given as text; ``lang`` is detected when omitted."""
    article = article_from_text(text, source=id, lang=lang)
    if title:
        article = replace(article, title=title)
    return resolve_article(article, pipelines or _pipelines(Settings()))


def resolve_articles(
    articles: Iterable[Article | Failure],
    pipelines: Pipelines,
    batch_size: int = 16,
) -> Iterator[Resolution | Failure]:
    """Stream articles through the pipelines in batches (``nlp.pipe``), per language."""
    batch: list[Article] = []

    def flush() -> Iterator[Resolution | Failure]:
        by_lang: dict[str, list[Article]] = {}
        for a in batch:
            by_lang.setdefault(a.lang, []).append(a)
        for lang, group in by_lang.items():
            nlp = pipelines.get(lang)
            for art, doc in zip(group, nlp.pipe(a.text for a in group), strict=True):
                try:
                    yield resolve(extract(art, doc))
                except Exception as exc:  # one bad article must not stop the batch
                    yield Failure(art.source, f"extraction failed: {type(exc).__name__}: {exc}")
        batch.clear()

    for item in articles:
        if isinstance(item, Failure):
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def facts(resolution: Resolution) -> Iterator[Fact]:
    """Every fact of one article with the sentence it came from."""
    ext = resolution.extraction
    text = ext.article.text

    def sentence(i: int) -> str:
        s = ext.sentences[i]
        return text[s.start : s.end]

    for q in ext.quotes:
        speaker = resolution.entity_of.get(q.speaker) if q.speaker else None
        if speaker:
            yield Fact(
                speaker,
                "said",
                q.text,
                ext.article.id,
                sentence(q.sent),
                q.start,
                q.end,
                q.rule,
                q.confidence,
            )
    for r in ext.relations:
        s, o = resolution.entity_of.get(r.subject), resolution.entity_of.get(r.object)
        if s and o and s != o:
            yield Fact(
                s,
                r.predicate,
                o,
                ext.article.id,
                sentence(r.sent),
                r.start,
                r.end,
                r.rule,
                r.confidence,
                r.modality,
                r.negated,
            )


def build(
    paths: Sequence[str | Path],
    out: Path | str = Path("output"),
    settings: Settings | None = None,
    progress: Callable[[Resolution | Failure], None] | None = None,
) -> BuildReport:
    """Build (or update) the graph from articles; write graph.ttl, graph.html, facts.jsonl, store/."""
    settings = (settings or Settings()).with_overrides(out=Path(out))
    out = settings.out
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    store = Store.open(settings.store_path)
    pipelines = _pipelines(settings)
    fact_lines: list[str] = []
    entity_ids: set[str] = set()
    try:
        stream = read_articles(paths, lang=settings.lang)
        for item in resolve_articles(stream, pipelines, settings.batch_size):
            if isinstance(item, Failure):
                report.failures.append(item)
            else:
                graph = mint_article_iri(item.extraction.article, settings.base_iri)
                store.merge(graph, to_quads(item, settings.base_iri))
                report.articles += 1
                entity_ids.update(e.id for e in item.entities)
                report.quotes += len(item.extraction.quotes)
                report.relations += len(item.extraction.relations)
                fact_lines.extend(json.dumps(asdict(f), ensure_ascii=False) for f in facts(item))
            if progress:
                progress(item)
        report.entities = len(entity_ids)
        report.triples = len(store)
        from graphbuild.export import exporter

        report.outputs["graph.ttl"] = exporter("ttl")(store, out / "graph.ttl")
        report.outputs["graph.html"] = exporter("html")(store, out / "graph.html")
        with atomic_write(out / "facts.jsonl") as fh:
            fh.writelines(line + "\n" for line in fact_lines)
        report.outputs["facts.jsonl"] = out / "facts.jsonl"
        report.outputs["store"] = settings.store_path
    finally:
        store.close()
    return report
