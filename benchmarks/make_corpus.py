"""Generate a synthetic news corpus for the build benchmark (never committed).

Articles are recombined from real sentences: the paragraphs of the shared evaluation articles
(``/work/shared/eval/*.txt``, or ``tests/golden`` when that folder is absent) and the
sentences of the German NER corpora (``/work/shared/corpora/de-ner/*.iob``, detokenised).
Each article gets a title line and 2–5 paragraphs of 2–3 sentences; every 10th article is
English. The mix is deterministic for a given seed, so runs are comparable.

Example:
    python benchmarks/make_corpus.py 1000 /tmp/corpus      # writes /tmp/corpus/0000.txt …
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SHARED = Path("/work/shared")
ROOT = Path(__file__).resolve().parent.parent


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]“”])", r"\1", text)
    text = re.sub(r"([(\[„]) ", r"\1", text)
    return re.sub(r'" (.*?) "', r'"\1"', text)


def iob_sentences(path: Path, min_tokens: int = 8) -> list[str]:
    """Sentences of a token-per-line IOB file that look like prose (end with . ! or ?)."""
    out: list[str] = []
    tokens: list[str] = []
    for line in [*path.read_text(encoding="utf-8", errors="replace").splitlines(), ""]:
        if line.strip():
            tokens.append(line.split("\t", 1)[0])
            continue
        if len(tokens) >= min_tokens and tokens[-1] in {".", "!", "?"} and tokens[0][:1].isupper():
            out.append(_detokenise(tokens))
        tokens = []
    return out


def eval_paragraphs(folder: Path) -> dict[str, list[str]]:
    """Paragraph lines (title excluded) of the evaluation articles, by language."""
    by_lang: dict[str, list[str]] = {"de": [], "en": []}
    for f in sorted(folder.glob("*.txt")):
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines()[1:]]
        lang = "en" if f.name.startswith("en_") else "de"
        by_lang[lang].extend(ln for ln in lines if len(ln) > 60)
    return by_lang


def make_corpus(n: int, out: Path, seed: int = 0) -> list[Path]:
    """Write ``n`` articles ``0000.txt`` … into ``out``; returns their paths."""
    rng = random.Random(seed)
    eval_dir = SHARED / "eval" if (SHARED / "eval").is_dir() else ROOT / "tests" / "golden"
    paras = eval_paragraphs(eval_dir)
    german = list(paras["de"])
    for iob in sorted((SHARED / "corpora" / "de-ner").glob("germeval2014*.iob")):
        german.extend(iob_sentences(iob))
    english = paras["en"]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        pool = english if i % 10 == 9 else german
        body = []
        for _p in range(rng.randint(2, 5)):
            body.append(" ".join(rng.choice(pool) for _s in range(rng.randint(2, 3))))
        title = rng.choice(pool).split(". ")[0][:90].rstrip(",;: ")
        path = out / f"{i:04d}.txt"
        path.write_text(f"{title}\n" + "\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = make_corpus(args.n, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / len(paths):.0f} bytes on average, in {args.out}")


if __name__ == "__main__":
    main()
