"""The ``graphbuild`` command: parses arguments, calls the library, prints. No logic here.

Exit codes: 0 all fine, 1 some inputs or queries failed, 2 usage error.
Results go to stdout; messages, progress and errors to stderr.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table as RichTable

from graphbuild.errors import GraphbuildError, QueryError

app = typer.Typer(
    name="graphbuild",
    help="Build a knowledge graph from news articles: entities, who said what, who does what "
    "with whom — as Turtle, an offline HTML view and a SPARQL-queryable store.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)
out = Console()

Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]


def _fail(exc: Exception, debug: bool, code: int = 1) -> NoReturn:
    if debug:
        raise exc
    err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    ttl = "ttl"


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    store: Annotated[Path | None, typer.Option(help="Store folder (default: OUT/store).")] = None,
    lang: Annotated[str | None, typer.Option(help="Force a language (de, en).")] = None,
    model: Annotated[
        list[str] | None,
        typer.Option(
            help="Use another spaCy pipeline for a language: LANG=NAME_OR_PATH (repeatable)."
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Read articles and write graph.ttl, graph.html, facts.jsonl and the store under OUT.

    Example: graphbuild build data/ --out output/
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from graphbuild.builder import build as run_build
    from graphbuild.config import load_settings
    from graphbuild.types import Failure

    settings = load_settings().with_overrides(out=out_dir, store=store, lang=lang)
    if model:
        models = dict(settings.models)
        for spec in model:
            if "=" not in spec:
                err.print(f"[red]error:[/red] --model expects LANG=NAME_OR_PATH, got {spec!r}")
                raise typer.Exit(2)
            k, v = spec.split("=", 1)
            models[k] = v
        settings = settings.with_overrides(models=tuple(sorted(models.items())))
    with Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("build", total=None)

        def tick(item: object) -> None:
            if isinstance(item, Failure):
                err.print(f"[red]error:[/red] {item}", highlight=False)
            progress.advance(task)

        try:
            report = run_build(inputs, out=out_dir, settings=settings, progress=tick)
        except GraphbuildError as exc:
            _fail(exc, debug)
    table = RichTable(title="graphbuild summary")
    for col in ("articles", "entities", "quotes", "relations", "triples", "failures"):
        table.add_column(col, justify="right")
    table.add_row(
        *(
            str(v)
            for v in (
                report.articles,
                report.entities,
                report.quotes,
                report.relations,
                report.triples,
                len(report.failures),
            )
        )
    )
    err.print(table)
    for f in report.failures:
        err.print(f"  failed: {f}", highlight=False)
    html = report.outputs.get("graph.html")
    if html:
        err.print(f"Open the graph view: {html.resolve().as_uri()}")
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One article (text file).")],
    fmt: Annotated[str, typer.Option("--format", help="json (gold schema) or summary.")] = "json",
    lang: Annotated[str | None, typer.Option(help="Force a language (de, en).")] = None,
    debug: Debug = False,
) -> None:
    """Print what was extracted from one article, in the gold-annotation JSON schema.

    Example: graphbuild extract data/seed.txt --format json
    """
    from graphbuild.builder import Pipelines, resolve_article
    from graphbuild.ingest import read_articles
    from graphbuild.types import Failure

    for item in read_articles([file], lang=lang):
        if isinstance(item, Failure):
            err.print(f"[red]error:[/red] {item}", highlight=False)
            raise typer.Exit(1)
        try:
            res = resolve_article(item, Pipelines())
        except GraphbuildError as exc:
            _fail(exc, debug)
        if fmt == "json":
            sys.stdout.write(res.to_json_text() + "\n")
        else:
            data = res.to_json()
            out.print(
                f"{len(data['entities'])} entities, {len(data['quotes'])} quotes, "
                f"{len(data['relations'])} relations"
            )


def _print_table(
    columns: tuple[str, ...], rows: tuple[tuple[str | None, ...], ...], fmt: TableFormat
) -> None:
    if fmt == TableFormat.json:
        sys.stdout.write(
            json.dumps(
                [dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2
            )
            + "\n"
        )
    elif fmt == TableFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in r] for r in rows])
        sys.stdout.write(buf.getvalue())
    else:
        table = RichTable(*columns)
        for r in rows:
            table.add_row(*("" if v is None else v for v in r))
        out.print(table)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query (or use --saved).")] = None,
    store: Annotated[Path, typer.Option(help="Store folder.")] = Path("output/store"),
    saved: Annotated[str | None, typer.Option(help="Name of a saved query.")] = None,
    param: Annotated[
        list[str] | None, typer.Option(help="NAME=VALUE bound into the query.")
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output format.")
    ] = TableFormat.table,
    debug: Debug = False,
) -> None:
    """Run a SPARQL query on the store and print the result.

    Example: graphbuild query "SELECT ?s WHERE { ?s a gb:Person }" --format csv
    """
    from graphbuild.graph.store import Store
    from graphbuild.query import load_saved, run

    if (sparql is None) == (saved is None):
        err.print("[red]error:[/red] give either a SPARQL query or --saved NAME")
        raise typer.Exit(2)
    params = {}
    for p in param or []:
        if "=" not in p:
            err.print(f"[red]error:[/red] --param expects NAME=VALUE, got {p!r}")
            raise typer.Exit(2)
        k, v = p.split("=", 1)
        params[k] = v
    if not store.exists():
        err.print(f"[red]error:[/red] {store}: no store here; run graphbuild build first")
        raise typer.Exit(2)
    try:
        text = sparql if sparql is not None else load_saved(saved or "")
        st = Store.open(store, read_only=True)
        result = run(st, text, params)
    except QueryError as exc:
        _fail(exc, debug)
    except GraphbuildError as exc:
        _fail(exc, debug)
    if isinstance(result, bool):
        sys.stdout.write(("true" if result else "false") + "\n")
        return
    _print_table(result.columns, result.rows, fmt)


@app.command()
def info() -> None:
    """Print the effective settings and the spaCy pipelines that would be used."""
    from dataclasses import asdict

    from graphbuild.config import load_settings
    from graphbuild.nlp import describe, load_pipeline

    settings = load_settings()
    for k, v in asdict(settings).items():
        out.print(f"{k} = {v}")
    for lang, name in settings.models:
        try:
            out.print(f"pipeline[{lang}] = {describe(load_pipeline(name))}")
        except GraphbuildError as exc:
            out.print(f"pipeline[{lang}] = unavailable: {exc}")


def main() -> None:  # pragma: no cover - console entry point
    app()
