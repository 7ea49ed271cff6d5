"""End-to-end: ``graphbuild build`` → ``query`` on the golden articles, through the real CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.graph.ontology import GB, ontology_path
from graphbuild.nlp import MODELS_DIR

GERMAN_MODEL = MODELS_DIR / "de"

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, golden_dir: Path) -> Path:
    src = tmp_path_factory.mktemp("in")
    for f in golden_dir.glob("*.txt"):
        shutil.copy(f, src / f.name)
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_cli_build_writes_all_outputs(built: Path) -> None:
    for name in ("graph.ttl", "graph.html", "facts.jsonl"):
        assert (built / name).is_file() and (built / name).stat().st_size > 0
    assert (built / "store").is_dir()


def test_cli_build_turtle_parses_with_rdflib_and_pyoxigraph(built: Path) -> None:
    g = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    assert len(g) > 50
    quads = list(
        pyoxigraph.parse(path=str(built / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    )
    assert len(quads) == len(g)


@pytest.mark.skipif(
    not (GERMAN_MODEL / "config.cfg").is_file(),
    reason="the German pipeline (graphbuild/models/de) is not trained yet",
)
def test_cli_build_turtle_has_quote_attributed_to_speaker(built: Path) -> None:
    g = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    rows = list(
        g.query("""
        PREFIX gb: <https://graphbuild.example.org/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?name ?text WHERE { ?p gb:said ?q . ?q gb:text ?text . ?p skos:prefLabel ?name }""")
    )
    speakers = {str(r[0]) for r in rows}
    # At least one direct quote of the seed article must be attributed to a person.
    texts = {str(r[1]) for r in rows}
    assert any("Jeden Tag sterben" in t for t in texts), texts
    assert speakers


def test_cli_build_html_has_no_remote_resources(built: Path) -> None:
    page = (built / "graph.html").read_text(encoding="utf-8")
    remote = re.findall(
        r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I
    )
    assert remote == []
    assert "@import" not in page


def test_cli_build_facts_point_back_to_real_sentences(built: Path, golden_dir: Path) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in golden_dir.glob("*.txt")}
    lines = (built / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        fact = json.loads(line)
        text = texts[fact["article"]]
        where = text.find(fact["sentence"])
        assert where >= 0, fact
        assert text[fact["start"] : fact["end"]].strip(), fact
        # the fact's span overlaps the sentence it cites
        assert fact["start"] < where + len(fact["sentence"]) and fact["end"] > where, fact


def test_cli_query_saved_who_said_what(built: Path) -> None:
    result = runner.invoke(
        app,
        ["query", "--store", str(built / "store"), "--saved", "who-said-what", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {"name", "text"} <= set(rows[0])


@pytest.mark.parametrize(
    "command, flag", [("build", "--out"), ("extract", "--out-dir"), ("eval", "--export")]
)
def test_cli_missing_input_is_a_usage_error(
    command: str, flag: str, tmp_path: Path, golden_dir: Path
) -> None:
    missing = tmp_path / "nope.txt"
    out = tmp_path / "out"
    inputs = [str(missing)] if command == "eval" else [str(golden_dir / "seed.txt"), str(missing)]
    result = runner.invoke(app, [command, *inputs, flag, str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {missing}: no such file or directory"]
    assert not out.exists()  # nothing written, no summary table


def test_cli_usage_error_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "--store", str(tmp_path)])
    assert result.exit_code == 2


def test_cli_extract_prints_gold_schema(golden_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(golden_dir / "en_voa_kerry_zarif_2013.txt")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"entities", "quotes", "relations"} <= set(data)
    for e in data["entities"]:
        assert {"id", "name", "type", "aliases", "positions"} <= set(e)


def test_cli_build_warns_once_about_a_guessed_encoding(tmp_path: Path) -> None:
    text = "Gipfel in Köln\nDie Ministerin äußerte sich am Montag über die Lage in Österreich.\n"
    old = tmp_path / "alt.txt"
    old.write_bytes(text.encode("cp1252"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(old), "--out", str(out), "--no-views"])
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert warnings == [f"warning: {old}: not valid UTF-8; decoded as cp1252"]
    store = pyoxigraph.Store.read_only(str(out / "store"))
    rows = list(store.query("SELECT ?e WHERE { GRAPH ?g { ?g <" + GB + "decodedAs> ?e } }"))
    assert [r["e"].value for r in rows] == ["cp1252"]
    ontology = rdflib.Graph().parse(ontology_path(), format="turtle")
    assert (
        rdflib.URIRef(GB + "decodedAs"),
        rdflib.RDF.type,
        rdflib.OWL.DatatypeProperty,
    ) in ontology


def test_cli_extract_warns_about_a_guessed_encoding(tmp_path: Path) -> None:
    old = tmp_path / "alt.txt"
    old.write_bytes("Titel\nDie Bürger wählten in Köln.\n".encode("cp1252"))
    result = runner.invoke(app, ["extract", str(old), "--lang", "de"])
    assert result.exit_code == 0, result.output
    assert f"warning: {old}: not valid UTF-8; decoded as cp1252" in result.stderr.splitlines()
