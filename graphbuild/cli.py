"""The ``graphbuild`` command: parses arguments, calls the library, prints. No logic here.

Exit codes: 0 all fine, 1 some inputs or queries failed, 2 usage error.
Results go to stdout; messages, progress and errors to stderr.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table as RichTable

from graphbuild.errors import GraphbuildError

if TYPE_CHECKING:
    from graphbuild.builder import BuildReport
    from graphbuild.config import Settings
    from graphbuild.evaluation.dequotes import Report as DequotesReport
    from graphbuild.query import Triples
    from graphbuild.types import Table

app = typer.Typer(
    name="graphbuild",
    help="Build a knowledge graph from news articles: entities, who said what, who does what "
    "with whom — as Turtle, an offline HTML view and a SPARQL-queryable store.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# Piped output (files, CI logs, `| less`) gets a wide console: rich would otherwise assume 80
# columns and shorten the numbers in wide tables such as `graphbuild eval` to "0.…".
_PIPED_WIDTH = None if sys.stdout.isatty() else 160
err = Console(stderr=True, soft_wrap=True, width=None if sys.stderr.isatty() else 160)
out = Console(width=_PIPED_WIDTH)

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


class BuildEngine(StrEnum):
    local = "local"
    processes = "processes"
    dask = "dask"


def _pairs(specs: list[str] | None, option: str) -> dict[str, str]:
    """``["K=V", …]`` → dict; a usage error (exit 2) naming the option on a bad item."""
    pairs: dict[str, str] = {}
    for spec in specs or []:
        key, sep, value = spec.partition("=")
        if not sep or not key.strip() or not value.strip():
            err.print(f"[red]error:[/red] {option} expects NAME=VALUE, got {spec!r}")
            raise typer.Exit(2)
        pairs[key.strip()] = value.strip()
    return pairs


def _warn_decoded(source: str, encoding: str | None) -> None:
    """One warning line for an input whose text rests on a guessed encoding."""
    if encoding:
        err.print(
            f"[yellow]warning:[/yellow] {source}: not valid UTF-8; decoded as {encoding}",
            highlight=False,
            markup=True,
        )


def _need_inputs(inputs: list[str] | list[Path]) -> None:
    """Exit 2 (usage error) naming each input path that does not exist; URLs and - pass."""
    from graphbuild.ingest.urls import is_url

    missing = [str(p) for p in inputs if str(p) != "-" and not is_url(str(p))]
    missing = [p for p in missing if not Path(p).exists()]
    for path in missing:
        err.print(f"[red]error:[/red] {path}: no such file or directory", highlight=False)
    if missing:
        raise typer.Exit(2)


@app.command()
def build(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive), http(s) URLs of pages or RSS/Atom feeds, "
            "or - for standard input."
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    store: Annotated[Path | None, typer.Option(help="Store folder (default: OUT/store).")] = None,
    lang: Annotated[str | None, typer.Option(help="Force a language (de, en).")] = None,
    model: Annotated[
        list[str] | None,
        typer.Option(
            help="Use another spaCy pipeline for a language: LANG=NAME_OR_PATH (repeatable)."
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(help="In folders, read only files matching this glob (repeatable)."),
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="In folders, skip files matching this glob.")
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="JSON/JSONL key of a record field: NAME=KEY, e.g. text=body, title=headline, "
            "date=meta.published (names: text html title url date lang id author publisher).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes for nlp and extraction.")
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Articles per nlp.pipe batch.")
    ] = None,
    engine: Annotated[
        BuildEngine | None,
        typer.Option(help="local, processes (default with --workers > 1) or dask."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="dask scheduler address (tcp://HOST:8786); default: a local cluster."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild articles even if they are unchanged.")
    ] = False,
    views: Annotated[
        bool, typer.Option("--views/--no-views", help="Write graph.ttl and graph.html.")
    ] = True,
    debug: Debug = False,
) -> None:
    """Read articles and write graph.ttl, graph.html, facts.jsonl and the store under OUT.

    Unchanged articles already in the store are skipped; an interrupted build resumes when
    run again.

    Example: graphbuild build data/ --out output/ --workers 2
    """
    from graphbuild.builder import build as run_build
    from graphbuild.ingest import IngestOptions, estimate_total

    if scheduler and engine not in (None, BuildEngine.dask):
        err.print("[red]error:[/red] --scheduler needs --engine dask")
        raise typer.Exit(2)
    _need_inputs(inputs)
    settings = _build_settings(
        model, out=out_dir, store=store, lang=lang, workers=workers, batch_size=batch_size
    )
    options = IngestOptions(
        include=tuple(include or ()), exclude=tuple(exclude or ()), fields=_pairs(field, "--field")
    )
    chosen = BuildEngine.dask if scheduler else engine

    with _build_progress(estimate_total(inputs, options)) as tick:
        try:
            report = run_build(
                inputs,
                out=out_dir,
                settings=settings,
                progress=tick,
                engine=chosen.value if chosen else None,
                scheduler=scheduler,
                force=force,
                ingest=options,
                views=views,
            )
        except GraphbuildError as exc:
            _fail(exc, debug)
        except KeyboardInterrupt:
            err.print(
                "interrupted: every finished article is stored; run the same command again "
                "to build the rest"
            )
            raise typer.Exit(130) from None
    _print_build_summary(report)
    raise typer.Exit(0 if report.ok else 1)


def _build_settings(model: list[str] | None, **overrides: Any) -> Settings:
    """graphbuild.toml's settings with the build command's flags; ``--model`` adds to models."""
    from graphbuild.config import load_settings

    settings = load_settings().with_overrides(**overrides)
    models = dict(settings.models) | _pairs(model, "--model")
    return settings.with_overrides(models=tuple(sorted(models.items())))


@contextlib.contextmanager
def _build_progress(total: int | None) -> Iterator[Callable[[object], None]]:
    """A progress bar on stderr; yields the callback that advances it once per input and
    prints a line for a failure, a duplicate or a guessed encoding."""
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from graphbuild.builder import ArticleResult, Skipped
    from graphbuild.types import Failure

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.1f} articles/s" if task.speed else "")

    with Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("build", total=total)

        def tick(item: object) -> None:
            if isinstance(item, Failure):
                err.print(f"[red]error:[/red] {escape(str(item))}", highlight=False)
            elif isinstance(item, Skipped) and item.reason == "duplicate":
                err.print(f"duplicate of {item.other}, skipped: {item.source}", highlight=False)
            elif isinstance(item, ArticleResult):
                _warn_decoded(escape(item.source), item.decoded_as)
            progress.advance(task)

        yield tick


def _print_build_summary(report: BuildReport) -> None:
    """The summary table of a build, its failures and where to open the graph view."""
    # one row per figure: stays readable in a narrow terminal
    table = RichTable(title="graphbuild summary", show_header=False)
    table.add_column("figure")
    table.add_column("count", justify="right")
    for name, value in (
        ("articles built", report.articles),
        ("unchanged (skipped)", report.unchanged),
        ("duplicates (skipped)", report.duplicates),
        ("entities", report.entities),
        ("quotes", report.quotes),
        ("relations", report.relations),
        ("triples in store", report.triples),
        ("failures", len(report.failures)),
    ):
        table.add_row(name, f"{value:,}")
    err.print(table)
    for f in report.failures:
        err.print(f"  failed: {f}", highlight=False, markup=False)
    html = report.outputs.get("graph.html")
    if html:
        err.print(f"Open the graph view: {html.resolve().as_uri()}")


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    fmt: Annotated[str, typer.Option("--format", help="json (gold schema) or summary.")] = "json",
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Write one <article id>.json per article here."),
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Force a language (de, en).")] = None,
    debug: Debug = False,
) -> None:
    """Extract articles into the gold-annotation JSON schema (quotes, entities, relations).

    One article prints pretty JSON; several print one JSON object per line, or with
    --out-dir one file per article. The pipeline is loaded once per language and articles
    are parsed in batches. Exit code 1 when some inputs failed (the others are still written).

    Example: graphbuild extract data/ --out-dir output/extracted
    """
    from rich.markup import escape

    from graphbuild.builder import Pipelines, resolve_articles
    from graphbuild.files import atomic_write
    from graphbuild.ingest import read_articles
    from graphbuild.types import Failure

    if fmt not in {"json", "summary"}:
        err.print(f"[red]error:[/red] --format must be json or summary, got {fmt!r}")
        raise typer.Exit(2)
    _need_inputs(inputs)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    results = []
    names: set[str] = set()
    try:
        for item in resolve_articles(read_articles(inputs, lang=lang), Pipelines()):
            if isinstance(item, Failure):
                failed += 1
                err.print(f"[red]error:[/red] {item}", highlight=False)
                continue
            article = item.extraction.article
            _warn_decoded(escape(article.source), article.decoded_as)
            if out_dir is None:
                results.append(item)
                continue
            stem = "".join(
                c if c.isalnum() or c in "-_." else "_" for c in item.extraction.article.id
            )
            stem = stem or "article"
            name, k = stem, 1
            while name in names:
                k += 1
                name = f"{stem}-{k}"
            names.add(name)
            with atomic_write(out_dir / f"{name}.json") as fh:
                fh.write(item.to_json_text() + "\n")
    except GraphbuildError as exc:
        _fail(exc, debug)
    for res in results:
        data = res.to_json()
        if fmt == "summary":
            out.print(
                f"{data['id']}: {len(data['entities'])} entities, {len(data['quotes'])} quotes, "
                f"{len(data['relations'])} relations",
                highlight=False,
            )
        elif len(results) == 1:
            sys.stdout.write(res.to_json_text() + "\n")
        else:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    if out_dir is not None:
        err.print(f"{len(names)} articles written to {out_dir}, {failed} failed")
    raise typer.Exit(1 if failed else 0)


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
    sparql: Annotated[
        str | None, typer.Argument(help="A SPARQL query, or @FILE to read it from a file.")
    ] = None,
    store: Annotated[Path, typer.Option(help="Store folder.")] = Path("output/store"),
    saved: Annotated[
        str | None,
        typer.Option(
            help="Name of a saved query: who-said-what, interactions, entity-profile, "
            "most-quoted (--saved list shows them)."
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            help="NAME=VALUE bound into the query (never pasted into it); for saved queries "
            "person=NAME matches any label of an entity, case-insensitively, or takes an IRI."
        ),
    ] = None,
    fmt: Annotated[
        TableFormat,
        typer.Option("--format", help="table, csv, json; ttl for CONSTRUCT/DESCRIBE results."),
    ] = TableFormat.table,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="At most this many rows (default: query_result_limit); with --saved the page "
            "size (default 100).",
        ),
    ] = None,
    offset: Annotated[
        int,
        typer.Option(
            min=0, help="With --saved: skip this many rows (the next page: --offset 100)."
        ),
    ] = 0,
    all_rows: Annotated[
        bool, typer.Option("--all", help="With --saved: every row, not one page.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store and print the result.

    The store is opened read-only, so this works while a build is writing it. The default
    graph is the union of all graphs; GRAPH ?article { … } reaches one article. Saved queries
    print one page of 100 rows (--limit N for another size, --offset N for later pages, --all
    for every row) and say on stderr when more rows follow.

    Example: graphbuild query --saved who-said-what --param person="Anna Schmidt" --format csv
    """
    from graphbuild.config import load_settings
    from graphbuild.graph.store import Store
    from graphbuild.query import PAGE_SIZE, run, saved_page

    if saved == "list":
        _print_saved_queries()
        return
    if (sparql is None) == (saved is None):
        err.print("[red]error:[/red] give either a SPARQL query or --saved NAME")
        raise typer.Exit(2)
    if saved is None and (offset or all_rows):
        err.print("[red]error:[/red] --offset and --all page saved queries; put OFFSET in SPARQL")
        raise typer.Exit(2)
    if all_rows and (offset or limit is not None):
        err.print("[red]error:[/red] --all prints every row; leave out --limit and --offset")
        raise typer.Exit(2)
    params = _pairs(param, "--param")
    settings = load_settings()
    _need_store(store)
    note = ""
    try:
        if sparql is not None and sparql.startswith("@"):
            sparql = Path(sparql[1:]).read_text(encoding="utf-8")
        st = Store.open(store, read_only=True)
        if saved is not None:
            size = None if all_rows else (limit or PAGE_SIZE)
            page = saved_page(st, saved, params, page_size=size, offset=offset)
            result: Table | bool | Triples = page.table
            if page.more:
                shown = f"rows {offset + 1}–{page.next_offset}"
                note = (
                    f"{shown}; more follow: --offset {page.next_offset} for the next page, "
                    "--all for every row"
                )
        else:
            cap = limit if limit is not None else settings.query_result_limit
            result = run(st, sparql or "", params, limit=cap)
    except (GraphbuildError, OSError) as exc:
        _fail(exc, debug)
    _print_result(result, fmt)
    if note:
        err.print(f"[yellow]note:[/yellow] {note}", highlight=False)


def _print_saved_queries() -> None:
    """``--saved list``: each saved query with its parameters and description."""
    from graphbuild.query import saved_queries, saved_query

    for name in saved_queries():
        sq = saved_query(name)
        flags = " ".join(f"--param {k}=…" for k in sq.params)
        out.print(f"[bold]{name}[/bold] {flags}\n  {sq.description}", highlight=False)


def _print_result(result: Table | bool | Triples, fmt: TableFormat) -> None:
    """A query result on stdout: ASK as true/false, CONSTRUCT as Turtle or a table, SELECT
    as a table; --format ttl of a SELECT is a usage error (exit 2)."""
    from graphbuild.query import Triples

    if isinstance(result, bool):
        if fmt == TableFormat.json:
            sys.stdout.write(json.dumps({"boolean": result}) + "\n")
        else:
            sys.stdout.write(("true" if result else "false") + "\n")
        return
    if isinstance(result, Triples):
        if fmt in (TableFormat.table, TableFormat.ttl):
            sys.stdout.write(result.to_turtle())
            return
        table = result.table()
        _print_table(table.columns, table.rows, fmt)
        return
    if fmt == TableFormat.ttl:
        err.print("[red]error:[/red] --format ttl needs a CONSTRUCT or DESCRIBE query")
        raise typer.Exit(2)
    _print_table(result.columns, result.rows, fmt)


def _need_store(store: Path) -> None:
    """Exit 2 (usage error) when ``store`` is not a graphbuild store folder."""
    if not (store / "CURRENT").is_file():
        err.print(f"[red]error:[/red] {store}: no store here; run `graphbuild build` first")
        raise typer.Exit(2)


class ExportFormat(StrEnum):
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"
    xml = "xml"
    graphml = "graphml"
    gexf = "gexf"
    html = "html"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = (
        ExportFormat.trig
    ),
    store: Annotated[Path, typer.Option(help="Store folder.")] = Path("output/store"),
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: graph.FORMAT).")
    ] = None,
    validate: Annotated[
        bool, typer.Option(help="Check the graph against ontologies/shapes.ttl first.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Write the store as Turtle, TriG, N-Quads, JSON-LD, RDF/XML, GraphML, GEXF or HTML.

    ttl and xml hold the union of all graphs; trig, nq and jsonld keep one named graph per
    article; graphml and gexf are the actor network for Gephi, yEd or networkx.

    Example: graphbuild export --format trig --store output/store --out graph.trig
    """
    from graphbuild.export import exporter
    from graphbuild.graph.store import Store

    target = out_file or Path(f"graph.{fmt.value}")
    _need_store(store)
    try:
        st = Store.open(store, read_only=True)
        if validate:
            from graphbuild.graph.validate import validate as check

            check(st, raise_on_error=True)
        exporter(fmt.value)(st, target)
        st.close()
    except GraphbuildError as exc:
        _fail(exc, debug)
    except OSError as exc:
        _fail(exc, debug)
    err.print(f"wrote {target}", highlight=False)


@app.command()
def push(
    endpoint: Annotated[
        str,
        typer.Option(help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store."),
    ],
    store: Annotated[Path, typer.Option(help="Store folder.")] = Path("output/store"),
    token: Annotated[
        str | None, typer.Option(help="Bearer token for the endpoint.", envvar="GRAPHBUILD_TOKEN")
    ] = None,
    default_graph: Annotated[
        bool,
        typer.Option(help="Also replace the server's default graph by the merged entities."),
    ] = True,
    merged_default: Annotated[
        bool,
        typer.Option(
            "--merged-default",
            help="Make the server's default graph the union of all graphs, as graphbuild "
            "queries see it, so queries without GRAPH give the same rows there.",
        ),
    ] = False,
    debug: Debug = False,
) -> None:
    """Send every article graph (and the merged entities) to an external SPARQL 1.1 store.

    Each graph is replaced with an HTTP PUT (SPARQL 1.1 Graph Store Protocol), so pushing
    twice changes nothing. A standard store answers patterns without GRAPH from its default
    graph alone: pass --merged-default to put the union of all graphs there.

    Example: graphbuild push --endpoint http://localhost:7878/store
    """
    from graphbuild.graph.store import Store
    from graphbuild.push import push as run_push

    if merged_default and not default_graph:
        err.print(
            "[red]error:[/red] --merged-default writes the default graph; drop --no-default-graph"
        )
        raise typer.Exit(2)
    _need_store(store)
    try:
        st = Store.open(store, read_only=True)
        report = run_push(
            st, endpoint, token=token, include_default=default_graph, merged_default=merged_default
        )
        st.close()
    except GraphbuildError as exc:
        _fail(exc, debug)
    union = f" (+{report.union_triples} into the default graph)" if merged_default else ""
    err.print(f"pushed {report.graphs} graphs, {report.triples} triples{union} to {endpoint}")


@app.command()
def serve(
    store: Annotated[Path, typer.Option(help="Store folder.")] = Path("output/store"),
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0: any free port).")] = 7878,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Accept SPARQL UPDATE (needs --token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(help="Bearer token required for updates.", envvar="GRAPHBUILD_TOKEN"),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Query time limit in seconds (query_timeout_s).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most this many result rows (query_result_limit).")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Queries run at once (4), each in a process killed at the time limit."),
    ] = None,
    allow_federation: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-federation",
            metavar="HOST[:PORT]",
            help="Let SERVICE and LOAD contact this host (repeatable); refused otherwise.",
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (/sparql) with a query page and graph view.

    Read-only unless started with --allow-update and --token. SERVICE and LOAD are refused
    unless their host is given with --allow-federation.

    Example: graphbuild serve --store output/store --port 7878
    """
    from graphbuild.config import load_settings
    from graphbuild.serve import EndpointOptions
    from graphbuild.serve import serve as run_serve

    if allow_update and not token:
        err.print("[red]error:[/red] --allow-update needs --token (updates must be authenticated)")
        raise typer.Exit(2)
    settings = load_settings()
    _need_store(store)

    def ready(server: object) -> None:
        addr = server.server_address  # type: ignore[attr-defined]
        err.print(f"SPARQL endpoint: http://{addr[0]}:{addr[1]}/sparql (Ctrl-C stops)")

    try:
        options = EndpointOptions(
            timeout_s=timeout if timeout is not None else settings.query_timeout_s,
            result_limit=limit if limit is not None else settings.query_result_limit,
            workers=workers if workers is not None else EndpointOptions().workers,
            allow_update=allow_update,
            token=token,
            federation=tuple(allow_federation or ()),
        )
        run_serve(store, options, host=host, port=port, ready=ready)
    except KeyboardInterrupt:
        return
    except GraphbuildError as exc:
        _fail(exc, debug)
    except OSError as exc:
        _fail(exc, debug)


class Corpus(StrEnum):
    gold = "gold"
    dequotes = "de-quotes"


def _print_gold_report(report: Any, title: str, errors: bool) -> None:
    """Per-article and per-predicate tables of a gold evaluation; with ``errors`` every
    missed or spurious relation with its sentence (to stderr)."""
    quotes = report.quotes_annotated
    table = RichTable(title=title)
    cols = ["article", "ent P", "ent R", "ent F1", *(["quote attr"] if quotes else [])]
    for col in [*cols, "rel P", "rel R", "rel F1"]:
        table.add_column(col, justify="left" if col == "article" else "right", no_wrap=True)

    def row(name: str, e: Any, q: Any, r: Any, with_quotes: bool) -> None:
        quote_cell = [f"{q.attribution:.2f} ({q.attributed}/{q.gold})" if with_quotes else "–"]
        table.add_row(
            name,
            *(f"{v:.2f}" for v in (e.precision, e.recall, e.f1)),
            *(quote_cell if quotes else []),
            *(f"{v:.2f}" for v in (r.precision, r.recall, r.f1)),
        )

    for a in report.articles:
        row(a.id, a.entities, a.quotes, a.relations, a.quotes_annotated)
    row("overall", report.entities, report.quotes, report.relations, quotes)
    out.print(table)
    by_pred = RichTable(title="relations by predicate")
    for col in ("predicate", "gold", "predicted", "P", "R", "F1"):
        by_pred.add_column(col, justify="left" if col == "predicate" else "right")
    for p, v in report.relations_by_predicate.items():
        by_pred.add_row(
            p,
            str(v.tp + v.fn),
            str(v.tp + v.fp),
            *(f"{x:.2f}" for x in (v.precision, v.recall, v.f1)),
        )
    out.print(by_pred)
    reach = report.relations_reachable
    out.print(
        f"gold relations whose two entities were found: {reach}; "
        f"recall among them {report.relations.tp / reach if reach else 1.0:.2f}"
    )
    for a in report.articles:
        for label, items in (
            ("missed entities", a.missed_entities),
            ("spurious entities", a.spurious_entities),
            ("missed quotes", a.missed_quotes if a.quotes_annotated else ()),
        ):
            if items:
                err.print(f"{a.id}: {label}: " + "; ".join(items), highlight=False, markup=False)
        for e in a.relation_errors if errors else ():
            note = f" [{e.rule}]" if e.rule else "" if e.reachable else " (entity not found)"
            err.print(
                f"{a.id}: {e.kind} {e.predicate} {e.subject} → {e.object}{note}\n    {e.sentence}",
                highlight=False,
                markup=False,
            )


@app.command("eval")
def evaluate(
    path: Annotated[
        Path, typer.Argument(help="Gold folder (<id>.txt + <id>.gold.json) or corpus file/folder.")
    ],
    corpus: Annotated[Corpus, typer.Option(help="Annotation format of PATH.")] = Corpus.gold,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    export: Annotated[
        Path | None, typer.Option(help="de-quotes: write predictions in the corpus format here.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="gold: each missed/spurious relation with its sentence; de-quotes: named "
            "quotes with a wrong speaker entity, and extracted quotes matching no gold quote "
            "with their rule.",
        ),
    ] = False,
    debug: Debug = False,
) -> None:
    """Score graphbuild's extraction against annotated articles.

    Example: graphbuild eval tests/golden --errors
    """
    _need_inputs([path])
    try:
        if corpus == Corpus.gold:
            from graphbuild.evaluation.gold import evaluate_gold_dir

            report = evaluate_gold_dir(path)
            if as_json:
                out.print_json(json.dumps(report.to_json(), ensure_ascii=False))
            else:
                _print_gold_report(report, f"graphbuild eval {path}", errors)
            for f in report.failures:
                err.print(f"[red]failed:[/red] {f}", highlight=False)
            if report.failures:
                raise typer.Exit(1)
        else:
            report = _run_dequotes(path, export=export, limit=limit)
            if as_json:
                out.print_json(json.dumps(report.as_dict(), ensure_ascii=False))
            else:
                _print_dequotes(report, errors)
                if export is not None:
                    err.print(f"predictions written to {export}")
    except GraphbuildError as exc:
        _fail(exc, debug)


def _run_dequotes(path: Path, export: Path | None, limit: int | None) -> DequotesReport:
    """``evaluation.dequotes.evaluate`` with a progress bar on stderr."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from graphbuild.evaluation.dequotes import evaluate as evaluate_dequotes

    columns = (TextColumn("[bold]de-quotes"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("eval", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return evaluate_dequotes(path, limit=limit, export=export, progress=tick)


def _print_dequotes(report: DequotesReport, errors: bool) -> None:
    """The de-quotes report as three tables (metric, plain figures, speaker entity)."""
    s, f = report.scores, report.figures
    t = RichTable(title=f"de-quotes: corpus metric ({report.documents} articles, {s.pairs} pairs)")
    for col in ("score", "precision", "recall", "F1"):
        t.add_column(col, justify="right" if col != "score" else "left")
    rows = [("messages", s.messages), ("roles", s.roles), ("joint", s.joint)]
    rows += [(f"  {r}", s.per_role[r]) for r in s.per_role]
    rows += [("type", s.type), ("medium", s.medium)]
    for name, v in rows:
        t.add_row(name, f"{v.precision:.3f}", f"{v.recall:.3f}", f"{v.f1:.3f}")
    out.print(t)
    t2 = RichTable(title="de-quotes: plain figures")
    for col, just in (("figure", "left"), ("value", "right"), ("count", "right")):
        t2.add_column(col, justify=just)  # type: ignore[arg-type]

    def ratio(name: str, h: int, n: int) -> None:
        t2.add_row(name, f"{h / n:.3f}" if n else "-", f"{h}/{n}")

    for k, (h, n) in f.found_by_type.items():
        ratio(f"found {k}", h, n)
    both = f"{f.share('IndirectFreeIndirect+FreeIndirect'):.3f}"
    t2.add_row("found IndirectFreeIndirect+FreeIndirect", both, "")
    ratio("extracted quotes matching gold", f.predicted_matched, f.predicted)
    for k in ("named", "pronoun/role", "pronoun", "role", "all"):
        ratio(f"speaker right ({k})", *f.speaker_right.get(k, (0, 0)))
    t2.add_row("wrong quotes per 100 articles", f"{f.wrong_per_100:.1f}", "")
    sp = report.speakers
    for g in ("Direct", "non-Direct", "all"):
        if sp is not None:
            ratio(f"speaker entity right ({g}, of found named)", sp.right[g], sp.found[g])
            ratio(f"attributed recall ({g}, of all named)", sp.right[g], sp.named[g])
            ratio(f"no speaker entity ({g}, of found named)", sp.no_entity[g], sp.found[g])
    out.print(t2)
    if errors and sp is not None:
        t3 = RichTable(title="de-quotes: found named quotes with a wrong speaker entity")
        for col in (
            "article",
            "type",
            "gold speaker",
            "speaker entity",
            "found phrase",
            "sentence",
        ):
            t3.add_column(col, overflow="fold")
        for c in sp.errors:
            t3.add_row(c.document, c.type, c.gold, c.entity or "–", c.phrase or "–", c.sentence)
        out.print(t3)
    if errors:
        _print_wrong_quotes(f)


def _print_wrong_quotes(f: Any) -> None:
    """Extracted quotes that match no gold quote, with the rule that made them, by rule."""
    t = RichTable(title="de-quotes: extracted quotes matching no gold quote, by rule")
    for col in ("rule", "article", "type", "extracted quote", "paired gold quote"):
        t.add_column(col, overflow="fold")
    for w in sorted(f.wrong, key=lambda w: (w.rule, w.document)):
        t.add_row(w.rule, w.document, w.type, w.text, w.gold or "–")
    out.print(t)
    counts = ", ".join(f"{rule} {n}" for rule, n in f.wrong_by_rule())
    out.print(f"unmatched per rule: {counts}", highlight=False)


@app.command()
def view(
    store: Annotated[Path, typer.Option(help="Store folder.")] = Path("output/store"),
    out_file: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "output/view.html"
    ),
    focus: Annotated[
        str | None, typer.Option(help="Only this entity (name, alias or IRI) and its neighbours.")
    ] = None,
    depth: Annotated[int, typer.Option(min=0, help="Hops around --focus.")] = 1,
    article: Annotated[
        str | None, typer.Option(help="Only what one article says (id, IRI, URL or title).")
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--types", help="Entity types to show: Person,Country,... (repeatable)."),
    ] = None,
    predicates: Annotated[
        list[str] | None,
        typer.Option("--predicates", help="Relations to show: meetsWith,... (repeatable)."),
    ] = None,
    max_nodes: Annotated[
        int | None,
        typer.Option(
            help="Draw at most N entities, most connected first (default html_max_nodes; 0: all)."
        ),
    ] = None,
    co_mentions: Annotated[
        bool, typer.Option(help="Count names in the same articles as connected (faint layer).")
    ] = False,
    unlinked: Annotated[
        bool | None,
        typer.Option(
            "--unlinked/--no-unlinked",
            help="Draw entities without links too (default: only in views of <= 50 entities).",
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Write an interactive HTML view of the store that opens offline.

    Example: graphbuild view --focus "Anna Berg" --depth 2 --out output/berg.html
    """
    from graphbuild.config import load_settings
    from graphbuild.errors import QueryError
    from graphbuild.export.html import build_page
    from graphbuild.files import atomic_write
    from graphbuild.graph.store import Store

    if not store.exists():
        err.print(f"[red]error:[/red] {store}: no store here; run graphbuild build first")
        raise typer.Exit(2)
    limit = load_settings().html_max_nodes if max_nodes is None else max_nodes
    try:
        st = Store.open(store, read_only=True)
        page = build_page(
            st,
            focus=focus,
            depth=depth,
            article=article,
            types=types,
            predicates=predicates,
            max_nodes=limit,
            co_mentions=co_mentions,
            unlinked=unlinked,
        )
    except GraphbuildError as exc:
        # An unknown --focus name, article, type or predicate is a usage error.
        _fail(exc, debug, code=2 if isinstance(exc, QueryError) else 1)
    with atomic_write(out_file) as fh:
        fh.write(page.html)
    err.print(
        f"{page.nodes:,} entities, {page.edges:,} links, {page.quotes:,} quotes → "
        f"{out_file.resolve().as_uri()}",
        highlight=False,
    )
    if page.notice:
        err.print(f"[yellow]note:[/yellow] {page.notice}", highlight=False)


@app.command()
def stats(
    store: Annotated[Path, typer.Option(help="Store folder.")] = Path("output/store"),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    top: Annotated[int, typer.Option(min=1, help="Rows per ranking.")] = 10,
    debug: Debug = False,
) -> None:
    """Network analytics: degree, betweenness, Louvain communities, most quoted, country links.

    Example: graphbuild stats --json
    """
    from graphbuild.analytics import analyse, read_snapshot
    from graphbuild.graph.store import Store

    if not store.exists():
        err.print(f"[red]error:[/red] {store}: no store here; run graphbuild build first")
        raise typer.Exit(2)
    try:
        report = analyse(read_snapshot(Store.open(store, read_only=True))).to_json(top)
    except GraphbuildError as exc:
        _fail(exc, debug)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(
        f"{report['nodes']:,} entities, {report['links']:,} links, {report['quotes']:,} quotes, "
        f"{report['articles']:,} articles, {len(report['communities']):,} communities",
        highlight=False,
    )

    def ranking(title: str, key: str, rows: list[dict[str, object]], *cols: str) -> None:
        if not rows:
            out.print(f"{title}: none", highlight=False)
            return
        table = RichTable(title=title, title_justify="left")
        table.add_column("#", justify="right")
        for c in cols:
            table.add_column(c, justify="left" if c in {"name", "type", "members"} else "right")
        for i, row in enumerate(rows, 1):
            table.add_row(str(i), *(str(row.get(k, "")) for k in key.split(",")))
        out.print(table)

    ranking(
        "Most connected (degree)",
        "label,type,value",
        report["degree"],
        "name",
        "type",
        "neighbours",
    )
    sampled = (
        f", sampled from {report['betweenness_sample']} pivots"
        if report["betweenness_sample"]
        else ""
    )
    ranking(
        f"Brokers (betweenness{sampled})",
        "label,type,value",
        report["betweenness"],
        "name",
        "type",
        "betweenness",
    )
    ranking(
        "Most quoted", "label,quotes,articles", report["most_quoted"], "name", "quotes", "articles"
    )
    ranking(
        "Strongest country links",
        "a,b,direct,via_people,total",
        report["country_links"],
        "country",
        "country",
        "direct",
        "via people",
        "total",
    )
    communities = [
        {"size": c["size"], "members": ", ".join(c["members"])} for c in report["communities"][:top]
    ]
    ranking(
        f"Communities (Louvain, seed {report['louvain_seed']})",
        "size,members",
        communities,
        "size",
        "members",
    )


@app.command()
def info() -> None:
    """Print the effective settings and the spaCy pipelines that would be used.

    Example: graphbuild info
    """
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
