"""Mentions: names, titles/role nouns, country adjectives and prefixes, pronouns.

What is found, and why:

* **names** from the pipeline's NER, trimmed of leading articles/titles ("the", "US-Präsident")
  and of a trailing preposition; a German multi-word name also gets its nominative form in
  ``Mention.lemma`` ("Vereinten Nationen" → "Vereinte Nationen"): after a definite article the
  weak adjective ending is ``-e`` in the nominative singular (Duden, *Grammatik* §480), and a
  name is cited in the nominative.
* **titles** from ``titles.<lang>.tsv`` (job titles, incl. German compounds and inflection:
  "Präsidenten" → "Präsident", "US-Sondergesandte" → "US-Sondergesandter"). A capitalised
  word sequence right after a title is a person even when NER missed it ("Regierungssprecherin
  Jana Kowal"). Each title is also a mention of its own (kind ``title``) so that
  resolution can attach it to the person it names or use it as a role noun ("der Präsident").
* **country adjectives and prefixes**: German adjectives derived with -isch/-sch (+ inflection:
  "russischen", "deutsche"), English demonyms (NER ``NORP`` or capitalised adjectives:
  "Iranian"), and the first part of a hyphenated compound whose head is a title or whose
  first part is an acronym ("US-Präsident", "NATO-Generalsekretär", "US-Hilfe"). Whether a
  candidate really is a country is decided in ``resolve.countries`` (no spaCy there).
* **country names NER missed**, from CLDR territory names (babel) in German and English.
* **pronouns** from ``pronouns.<lang>.tsv``, with gender/number for agreement.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("de"); nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> doc = nlp("Die polnische Regierungssprecherin Jana Kowal widersprach.")
    >>> sents = list(sentences(doc))
    >>> [(m.text, m.kind, m.title, m.affiliation) for m in mentions(doc, sents)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('polnische Regierungssprecherin', 'title', 'Regierungssprecherin', 'polnische'),
     ('polnische', 'adjective', None, None),
     ('Jana Kowal', 'name', 'Regierungssprecherin', 'polnische')]
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import chain

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.constructions import (
    COUNTRY_ADJECTIVE,
    constructions,
    country_names,
    introduced_label,
    state_body_kind,
)
from graphbuild.extract.lexicons import pronoun_morph, rows, words
from graphbuild.extract.names import nominative, place_of_adjective
from graphbuild.extract.spans import (
    country_completed,
    first_names,
    glued_person,
    listed_places,
    person_name_words,
    place_qualified,
    slash_joined,
)
from graphbuild.extract.text import TokenTable, doc_text, token_table
from graphbuild.types import Mention, Sentence

_LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "GPE": "GPE",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "NORP",
    "MISC": "MISC",
    "EVENT": "EVENT",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
}
_FINAL = tuple(".!?:;…\"“”»«'’")
_ARTICLES = {
    "de": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "eines"},
    "en": {"the", "a", "an"},
}
# closed class: possessive/demonstrative/quantifying determiners end a title's pre-modifiers
_DE_DETERMINER = re.compile(
    r"^(mein|dein|sein|ihr|unser|euer|eur|dies|jen|jed|kein|welch|manch|solch|all)(e|en|em|er|es)?$"
)
_INFLECTION = re.compile(r"(en|em|er|es|e)$")
_QUOTE_SPAN = re.compile(r"[„“\"»«‚‘]([^\n„“\"»«]*?)[“”\"«»‘’]")
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
_CAMEL_CASE = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
# an Arabic family name with its article: "al-Baschir", "el-Sisi", "as-Sadr"
_ARTICLE_NAME = re.compile(r"^(al|el|as|ad|ar|an|at|az|ash)-[A-ZÄÖÜ]")


def sentences(doc: Doc) -> Iterator[Sentence]:
    """The doc's sentences; a whole line without final punctuation is a heading.

    A whole line ending in "?" with at most 12 words is a (sub-)heading too ("Verhandlungen
    zwischen den USA, Russland und der Ukraine?"). Lines listed in ``boilerplate.<lang>.tsv``
    ("Kommentar hinterlassen") are marked as boilerplate.
    """
    boilerplate = _boilerplate(doc.lang_)
    text = doc_text(doc)
    for start_char, end_char in _sentence_chars(doc):
        sent_text = text[start_char:end_char]  # = sent.text, without a re-join
        span = sent_text.strip()
        if not span:
            continue
        start = start_char + (len(sent_text) - len(sent_text.lstrip()))
        end = start + len(span)
        line_start = text.rfind("\n", 0, start) + 1
        line_end_i = text.find("\n", end)
        line_end = len(text) if line_end_i == -1 else line_end_i
        whole_line = text[line_start:start].strip() == "" and text[end:line_end].strip() == ""
        heading = whole_line and not span.endswith(_FINAL) and len(span.split()) <= 20
        yield Sentence(
            start,
            end,
            is_heading=heading or (span.endswith("?") and whole_line and len(span.split()) <= 12),
            is_boilerplate=span.casefold() in boilerplate,
        )


@cache
def _boilerplate(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in words("boilerplate", lang))


def _sentence_chars(doc: Doc) -> Iterator[tuple[int, int]]:
    """(start_char, end_char) of each of ``doc.sents``, read from the token table."""
    if doc.user_hooks.get("sents") or not doc.has_annotation("SENT_START"):
        for sent in doc.sents:  # spaCy's own rules (and its error for an unsegmented doc)
            yield sent.start_char, sent.end_char
        return
    tt = token_table(doc)
    starts = [i for i, first in enumerate(tt.is_sent_start) if first or i == 0]
    for start, end in zip(starts, [*starts[1:], len(tt)], strict=True):
        yield tt.idx[start], tt.idx[end - 1] + len(tt.text[end - 1])


def sentence_index(sents: Sequence[Sentence], char: int) -> int:
    """Index of the sentence holding a character offset (the last one starting before it)."""
    lo, hi = 0, len(sents)
    while lo < hi:
        mid = (lo + hi) // 2
        if sents[mid].start <= char:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


# --------------------------------------------------------------------------- titles


@dataclass(frozen=True, slots=True)
class TitleForm:
    """One inflected form of a title noun and the nominative it stands for."""

    form: str  # lowercase inflected form, e.g. "präsidenten"
    nominative: str  # "Präsident"
    gender: str  # "Masc" | "Fem" | ""
    represents: bool = True  # the holder acts for what the title names ("Politiker": no)


@cache
def title_forms(lang: str) -> tuple[TitleForm, ...]:
    """Every inflected form of every title in ``titles.<lang>.tsv``, longest first.

    German declension classes: weak nouns add -en/-n outside the nominative singular
    (Präsident → Präsidenten), strong nouns -s/-e/-en/-n, adjectival nouns take adjective
    endings on their stem (Gesandter → Gesandte/Gesandten/Gesandtem).

    Example:
        >>> [f.form for f in title_forms("de") if f.nominative == "Präsident"][:3]
        ['präsidenten', 'präsident']
    """
    out: dict[tuple[str, str], TitleForm] = {}
    for r in rows("titles", lang):
        title = (r.get("title") or "").strip()
        if not title:
            continue
        gender = (r.get("gender") or "").strip()
        cls = (r.get("class") or "").strip()
        acts = (r.get("represents") or "yes").strip().lower() != "no"
        low = title.lower()
        if lang != "de":
            forms = {low, low + "s"}
        elif cls == "adj":
            stem = low[:-2] if low.endswith("er") else low[:-1]
            forms = {stem + e for e in ("e", "en", "em", "er", "es")}
        elif cls == "weak":
            forms = {low, low + "n"} if low.endswith("e") else {low, low + "en"}
        elif low.endswith("in"):
            forms = {low, low + "nen"}
        else:
            forms = {low, low + "s", low + "es", low + "e", low + "en", low + "n"}
        for f in forms:
            out[(f, title)] = TitleForm(f, title, gender, acts)
    return tuple(sorted(out.values(), key=lambda t: (-len(t.form), t.gender != "Masc")))


@cache
def _form_prefixes(lang: str) -> frozenset[str]:
    """Every prefix of every title form: what the first word of a title phrase must be."""
    return frozenset(tf.form[:k] for tf in title_forms(lang) for k in range(1, len(tf.form) + 1))


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title phrase: token range, its nominative text and the affiliation it names."""

    start: int  # first token (incl. pre-modifiers)
    end: int  # one past the last token (incl. post-modifiers)
    head: int  # the title noun's token
    nominative: str
    gender: str
    affiliation: tuple[int, int] | None  # char span of "US"/"russischen"/"NATO"/"Iranian"
    affiliation_text: str | None


def _strong_adjective(word: str, gender: str) -> str:
    stem = _INFLECTION.sub("", word)
    return stem + ("e" if gender == "Fem" else "er")


def _is_country_adjective(tt: TokenTable, i: int, lang: str) -> bool:
    text = tt.text[i]
    if lang == "de":
        word = text.lower() if tt.is_sent_start[i] and text[1:].islower() else text
        return word.islower() and bool(COUNTRY_ADJECTIVE.match(word))
    return text[:1].isupper() and (tt.ent_type[i] in {"NORP", "GPE"} or tt.pos[i] == "ADJ")


@cache
def _title_index(lang: str) -> tuple[tuple[int, dict[str, tuple[TitleForm, ...]]], ...]:
    """Title forms grouped by length, then by the form itself, longest first: a token is
    looked up once per length instead of compared with every form."""
    groups: dict[int, dict[str, list[TitleForm]]] = {}
    for tf in title_forms(lang):
        groups.setdefault(len(tf.form), {}).setdefault(tf.form, []).append(tf)
    return tuple(
        (length, {form: tuple(tfs) for form, tfs in by_form.items()})
        for length, by_form in sorted(groups.items(), reverse=True)
    )


@lru_cache(maxsize=65536)  # pure in the word form; asked for every token of every text
def _title_matches_de(text: str) -> tuple[TitleForm, ...]:
    """The longest title forms a German word ends in (several when genders differ)."""
    if not text[:1].isupper() or not text.replace("-", "").isalpha():
        return ()
    low = text.lower()
    matches: list[TitleForm] = []
    for length, by_suffix in _title_index("de"):  # longest forms first
        if length > len(low):
            continue
        for tf in by_suffix.get(low[-length:], ()):
            prefix = text[: len(text) - length]
            if prefix and not prefix.endswith("-") and length < 5:
                continue  # short titles only as whole words or after a hyphen
            matches.append(tf)
        if matches:
            break
    return tuple(matches)


def _title_head_de(doc: Doc, i: int) -> tuple[TitleForm, str] | None:
    """The title German token ``i`` ends in, and the token's nominative form."""
    tt = token_table(doc)
    text = tt.text[i]
    matches = _title_matches_de(text)
    if not matches:
        return None
    tf = matches[0]
    if len(matches) > 1:
        # "der/die Sondergesandte": the token's gender, else the article decides
        gender = doc[i].morph.get("Gender", [])
        prev = tt.lower[i - 1] if i > 0 else ""
        fem = "Fem" in gender or (not gender and prev in {"die", "eine", "einer"})
        tf = next((m for m in matches if (m.gender == "Fem") == fem), tf)
    prefix = text[: len(text) - len(tf.form)]
    head = tf.nominative if (not prefix or prefix.endswith("-")) else tf.nominative.lower()
    return tf, prefix + head


def _titles_de(doc: Doc) -> Iterator[TitleMatch]:
    tt = token_table(doc)
    first = first_names(doc)
    for i, text in enumerate(tt.text):
        if not _title_matches_de(text):
            continue
        found = _title_head_de(doc, i)
        if found is None:
            continue
        tok = doc[i]
        tf, nominative = found
        start = tok.i
        affiliation: tuple[int, int] | None = None
        aff_text: str | None = None
        words_before: list[str] = []
        j = tok.i - 1
        while j >= 0 and doc[j].text.isalpha() and doc[j].text.islower():
            w = doc[j]
            if (
                w.lower_ in _ARTICLES["de"]
                or _DE_DETERMINER.match(w.lower_)
                or w.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON"}
            ):
                break
            if not _INFLECTION.search(w.lower_) and w.pos_ != "ADJ":
                break
            if _is_country_adjective(tt, j, "de") and affiliation is None:
                affiliation, aff_text = (w.idx, w.idx + len(w)), w.text
            else:
                words_before.insert(0, _strong_adjective(w.text, tf.gender))
            start = j
            j -= 1
        if "-" in tok.text and affiliation is None:
            prefix = tok.text.rsplit("-", 1)[0]
            if prefix[:1].isupper() and prefix.lower() not in _head_nouns("title_prefixes", "de"):
                affiliation, aff_text = (tok.idx, tok.idx + len(prefix)), prefix
        end = tok.i + 1
        post: list[str] = []
        if affiliation is None and end < len(doc):
            gen = doc[end]  # a country in the genitive right after: "Präsident Frankreichs"
            if gen.text.endswith("s") and gen.text[:-1] in _country_names():
                affiliation, aff_text = (gen.idx, gen.idx + len(gen)), gen.text
                end += 1
        # "für die Ukraine" / genitive "der Carnegie Foundation", "des Königs der Provinz X"
        k = end
        while k + 1 < len(doc):
            w = doc[k]
            if w.lower_ in {"für", "des", "der"} or (w.lower_ == "von" and k == end):
                m = k + 1
                if m < len(doc) and doc[m].lower_ in _ARTICLES["de"]:
                    m += 1
                n = m
                while n < len(doc) and doc[n].text[:1].isupper() and doc[n].is_alpha:
                    if n > m and first[n]:
                        break  # "Außenminister der Russischen Föderation | Sergei Lawrow"
                    n += 1
                if n == m:
                    break
                n = slash_joined(doc[m:n]).end  # "Obmann der CDU/CSU-Fraktion"
                if w.lower_ in {"des", "der"} and affiliation is None:
                    # the organisation in the genitive names the affiliation: by NER, or by
                    # its head noun when NER mislabelled it ("der Carnegie Foundation")
                    run = doc[m:n]
                    ent = next((e for e in doc.ents if e.start == m), None)
                    if ent is not None and (
                        ent.label_ in {"ORG", "GPE"} or _head_label(ent.text, "de") == "ORG"
                    ):
                        ent = slash_joined(doc[ent.start : min(ent.end, n)])
                        affiliation, aff_text = (ent.start_char, ent.end_char), ent.text
                    elif _head_label(run.text, "de") == "ORG" and len(run) > 1:
                        affiliation, aff_text = (run.start_char, run.end_char), run.text
                post.append(doc[k:n].text)
                k = n
            else:
                break
        if post:
            end = k
        nom = " ".join([*words_before, nominative, *post])
        yield TitleMatch(start, end, tok.i, nom, tf.gender, affiliation, aff_text)


def _titles_en(doc: Doc) -> Iterator[TitleMatch]:
    forms = {tf.form: tf for tf in title_forms("en")}
    max_len = max((len(f.split()) for f in forms), default=1)
    prefixes = _form_prefixes("en")
    lowers = token_table(doc).lower  # slicing the Doc per window was the hot spot
    i = 0
    while i < len(doc):
        if lowers[i] not in prefixes:  # every window from here starts with this word
            i += 1
            continue
        match = None
        for n in range(min(max_len, len(doc) - i), 0, -1):
            key = " ".join(lowers[i : i + n]).replace(" - ", "-")
            if key in forms:
                match = (n, forms[key], doc[i : i + n])
                break
        if match is None:
            i += 1
            continue
        n, tf, span = match
        # a lowercase common title ("leader", "head", "chief") only counts before a name
        start = i
        affiliation: tuple[int, int] | None = None
        aff_text: str | None = None
        j = i - 1
        while j >= 0 and doc[j].text[:1].isupper() and doc[j].pos_ in {"ADJ", "PROPN", "NOUN"}:
            w = doc[j]
            if w.ent_type_ in {"NORP", "GPE", "ORG"} or w.pos_ == "ADJ":
                ent_start = j
                while ent_start > 0 and doc[ent_start - 1].ent_iob_ == "I" and w.ent_iob_ != "B":
                    ent_start -= 1
                    if doc[ent_start].ent_iob_ == "B":
                        break
                if affiliation is None:
                    a = doc[ent_start : j + 1]
                    affiliation, aff_text = (a.start_char, a.end_char), a.text
                start = ent_start
                j = ent_start - 1
                continue
            break
        end = i + n
        if end + 1 < len(doc) and doc[end].lower_ == "of" and affiliation is None:
            ent = next((e for e in doc.ents if e.start == end + 1 or e.start == end + 2), None)
            if ent is not None and ent.label_ in {"GPE", "ORG", "NORP"}:
                affiliation, aff_text = (ent.start_char, ent.end_char), ent.text
        yield TitleMatch(start, end, i + n - 1, span.text, tf.gender, affiliation, aff_text)
        i = end


def office_represents(nominative: str, lang: str) -> bool:
    """Whether a title's holder acts for what it names (lexicon column ``represents``).

    Example:
        >>> office_represents("Regierungssprecher", "de"), office_represents("FDP-Politiker", "de")
        (True, False)
    """
    words_ = nominative.split()
    if not words_:
        return False
    if lang == "de":
        for word in words_:  # the title noun is the first capitalised word that is one
            low = word.lower()
            for tf in title_forms("de"):
                if (
                    word[:1].isupper()
                    and low.endswith(tf.form)
                    and tf.form == tf.nominative.lower()
                ):
                    return tf.represents
        return True
    low = nominative.lower()
    for tf in title_forms(lang):
        if low.endswith(tf.form):
            return tf.represents
    return True


@cache
def _former_words(lang: str) -> frozenset[str]:
    return frozenset(r["word"].lower() for r in rows("modality", lang) if r["modality"] == "former")


def _english_role_noun(doc: Doc, tm: TitleMatch) -> bool:
    """An English title without a name is a role noun only as a noun phrase of its own:
    "the minister said", "its chief executive" — not "the general election"."""
    prev = doc[tm.start - 1] if tm.start > 0 else None
    nxt = doc[tm.end] if tm.end < len(doc) else None
    determined = prev is not None and (
        prev.lower_ in {"the", "a", "an", "his", "her", "its", "their", "our"}
        or prev.tag_ == "POS"
        or prev.pos_ in {"PROPN", "ADJ"}
    )
    return determined and (nxt is None or nxt.pos_ not in {"NOUN", "PROPN"})


def titles(doc: Doc) -> Iterator[TitleMatch]:
    """Title phrases of a doc (German or English rules by ``doc.lang_``).

    A former office ("der ehemalige Außenminister", "former President") keeps its words but
    names no affiliation: its holder no longer acts for that country.
    """
    found = _titles_de(doc) if doc.lang_ == "de" else _titles_en(doc)
    former = _former_words(doc.lang_)
    for tm in found:
        window = doc[max(tm.start - 2, 0) : tm.head + 1]
        if any(t.lower_ in former or t.lower_.split("-")[0] in former for t in window):
            tm = replace(tm, affiliation=None, affiliation_text=None)
        yield tm


# --------------------------------------------------------------------------- names


def _name_after(doc: Doc, i: int, limit: int = 5) -> tuple[int, int] | None:
    """The token range of a capitalised name starting at token ``i`` (after a title)."""
    if i < len(doc) and doc[i].text == "," and i + 1 < len(doc):
        i += 1
    j = i
    while j < len(doc) and j - i < limit:
        t = doc[j]
        ok = (t.text[:1].isupper() and (t.is_alpha or "-" in t.text or t.text.endswith("."))) or (
            j > i
            and (
                t.text in {"al-", "bin", "von", "van", "de", "der", "al", "Jr."}
                or _ARTICLE_NAME.match(t.text)
            )
        )
        # a name right after a title is a person even when NER called it an organisation;
        # a place or country there is a genitive ("Präsident Frankreichs"), not a name
        if not ok or (t.ent_type_ in {"GPE", "LOC", "NORP", "DATE"} and j == i):
            break
        if t.text.endswith("-"):
            break  # "für die Gemeinsame Außen- und Sicherheitspolitik": a cut compound
        if j == i and (t.text in _country_names() or t.text[:-1] in _country_names()):
            break  # "Präsident Frankreichs" even when NER missed the country
        if _title_head_de(doc, j) is not None if doc.lang_ == "de" else False:
            break
        if t.is_sent_start and j > i:
            break
        j += 1
    if j == i:
        return None
    if j == i + 1 and doc[i].pos_ == "NOUN" and not doc[i].ent_type_:
        return None  # "dem Bundestagspräsidenten Auskunft geben": a noun, no name
    return i, _before_particle_phrase(doc, i, j)


def _before_particle_phrase(doc: Doc, i: int, j: int) -> int:
    """End of the name ``doc[i:j]`` without a "von der"/"de" phrase whose words are a
    common noun, an adjective or another kind of name: "Sathit Wongnongtoey | von der
    Kanzlei", not "Ursula von der Leyen"."""
    for k in range(i + 1, j):
        if doc[k].text.islower():
            rest = [t for t in doc[k:j] if not t.text.islower()]
            if rest and any(
                (t.pos_ in {"NOUN", "ADJ"} and not t.ent_type_)
                or t.ent_type_ in {"ORG", "MISC"}  # "von der Demokratischen Partei"
                for t in rest
            ):
                return k
            break
    return j


def _trim_name(span: Span, lang: str) -> Span:
    """Drop leading articles/titles and a trailing preposition or possessive from an entity."""
    doc = span.doc
    start, end = span.start, span.end
    while (
        start < end
        and doc[start].lower_ in _ARTICLES.get(lang, set())
        # a capitalised article inside a sentence belongs to the name: "Den Haag", "Die Zeit"
        and not (doc[start].text[:1].isupper() and not doc[start].is_sent_start)
    ):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in {"of", "'s", "’s", "von"} or doc[end - 1].is_punct
    ):
        end -= 1
    return doc[start:end]


def _nominative(span: Span, lang: str, head: int | None = None) -> str:
    """The nominative citation form of a German name (:func:`.names.nominative`)."""
    if lang != "de":
        return span.text
    doc = span.doc
    seen = doc.user_data.get("graphbuild.words")
    if seen is None:
        seen = doc.user_data["graphbuild.words"] = frozenset(token_table(doc).text)
    return nominative(span, seen, head)


_country_names = country_names


@cache
def _head_nouns(what: str, lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(what, lang))


def _event_nouns(lang: str) -> frozenset[str]:
    return _head_nouns("events", lang)


@lru_cache(maxsize=65536)  # pure in its strings; asked for every capitalised token
def _head_label(name: str, lang: str) -> str | None:
    """EVENT/ORG when a name's last word ends in an event/organisation head noun.

    "Genfer Klimakonferenz" → EVENT, "Carnegie Foundation" → ORG, "Technischen
    Hilfswerks" → ORG (a German genitive -s/-es). Single words count only as compounds
    with a name-like first part ("Irakkrieg").

    Example:
        >>> _head_label("Carnegie Foundation", "en"), _head_label("Irakkrieg", "de")
        ('ORG', 'EVENT')
    """
    parts = name.split()
    if not parts:
        return None
    word = parts[-1].lower()
    # the head may carry a German genitive/plural ending: "des Technischen Hilfswerks"
    lasts = [word] + [word[: -len(e)] for e in ("s", "es") if lang == "de" and word.endswith(e)]
    for label, what in (("EVENT", "events"), ("ORG", "organizations"), ("MISC", "awards")):
        for n in _head_nouns(what, lang):
            for last in lasts:
                if " " in n or not last.endswith(n):
                    continue
                if len(parts) > 1 or len(last) > len(n) + 2:
                    return label
    return None


def _bare_country_genitive(tt: TokenTable, k: int) -> bool:
    """Token ``k`` is a country or place in the genitive without article ("Haitis",
    "Großbritanniens"): a country name or an NER place with a genitive -s."""
    return (
        k < len(tt)
        and tt.text[k].endswith("s")
        and (tt.text[k][:-1] in _country_names() or tt.ent_type[k] in {"LOC", "GPE"})
    )


def _head_noun_names(doc: Doc) -> Iterator[tuple[Span, str]]:
    """Capitalised adjective/proper-noun runs ending in an organisation or event head noun,
    with a country's genitive written right after it ("Rote Kreuz Haitis"), and an
    organisation compound named by that genitive ("Moslemgesellschaft Großbritanniens")."""
    lang = doc.lang_
    tt = token_table(doc)
    for i, text in enumerate(tt.text):
        if not text[:1].isupper() or not text.replace("-", "").isalnum():  # "G8-Gipfel"
            continue
        label = _head_label("x " + text, lang)
        if label is None:
            continue
        # a compound whose first part is a name: "Occupy-Bewegung", "Irakkrieg"
        single = _head_label(text, lang)
        if single and ("-" in text[1:-1] or _starts_with_country(text)):
            yield slash_joined(doc[i : i + 1]), single
            continue
        if single == "ORG" and _bare_country_genitive(tt, i + 1):
            yield doc[i : i + 2], single  # "der Moslemgesellschaft Großbritanniens"
            continue
        j = i
        while (
            j > 0
            and tt.text[j - 1][:1].isupper()
            and (
                tt.pos[j - 1] in {"ADJ", "PROPN"}
                or tt.ent_type[j - 1]
                or tt.lower[j - 1].endswith(("ischen", "ische", "ten", "ner"))
            )
            and not tt.is_sent_start[j - 1]
            and tt.ent_type[j - 1] not in {"PER", "PERSON", "DATE"}
            # "aus Thüringen Anschläge": a place name is no part of the next noun's name,
            # a place adjective is ("Genfer Klimakonferenz", "Berliner Funkausstellung")
            and not (
                tt.ent_type[j - 1] in {"LOC", "GPE"}
                and not tt.ent_type[i]
                and not tt.lower[j - 1].endswith("er")
            )
        ):
            j -= 1
        if j < i:
            # a bare country genitive belongs to the name: "Rote Kreuz Haitis"
            yield doc[j : i + 2 if _bare_country_genitive(tt, i + 1) else i + 1], label


@cache
def _country_prefixes() -> frozenset[str]:
    """Every prefix of every country name: what a word must be for a name to start with it."""
    return frozenset(n[:k] for n in _country_names() for k in range(1, len(n) + 1))


@lru_cache(maxsize=65536)
def _starts_with_country(word: str) -> bool:
    """A compound noun whose first part is a country name ("Irakkrieg")."""
    return any(
        word.startswith(n) and len(word) > len(n) + 3 for n in _country_names() if " " not in n
    )


def _extend_person(ent: Span) -> Span:
    """A person name NER cut short: after an initial ("Franklin D."), before "Jr."/"Sr.",
    before a further name part the parser attaches to it as ``flat`` ("Philip Aguer
    Panynag", "Ali Akbar Welajati"), or a lone first name before a nobiliary particle
    ("Karl-Theodor zu Guttenberg")."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and end - ent.start < 6:
        nxt = doc[end]
        last = doc[end - 1]
        part = nxt.text[:1].isupper() and (nxt.is_alpha or "-" in nxt.text)
        if (
            nxt.text in {"Jr.", "Sr.", "Jr", "Sr", "II", "III"}
            or (_INITIAL.match(last.text) and nxt.text[:1].isupper() and nxt.is_alpha)
            or (
                part
                and _name_part(nxt)
                and ent.start <= nxt.head.i < end
                and not last.text.endswith("s")
            )
        ):
            end += 1
        elif (
            end - ent.start == 1
            and nxt.lower_ in _PARTICLES
            and end + 1 < len(doc)
            and doc[end + 1].pos_ == "PROPN"
            and doc[end + 1].ent_type_ not in {"ORG", "PER"}
        ):
            end += 2
        else:
            break
    return doc[ent.start : end]


_PARTICLES = frozenset({"zu", "von", "van", "de", "di", "da"})  # before a family name


def _name_part(tok: Token) -> bool:
    """A further part of a name the parser hangs on it (``flat``): a proper noun, or an
    unknown word tagged NOUN that ends the phrase ("Philip Aguer Panynag, ein Sprecher")."""
    if tok.dep_ != "flat" or tok.ent_type_:
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and (nxt is None or nxt.is_punct))


def _mention(
    doc: Doc,
    start_char: int,
    end_char: int,
    label: str,
    kind: str,
    sents: Sequence[Sentence],
    rule: str = "",
) -> Mention:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    text = doc_text(doc)[start_char:end_char]
    partial = span is None or span.start_char != start_char or span.end_char != end_char
    if partial or span is None:
        lemma = text  # a part of a token ("US" of "US-Präsident") has no lemma of its own
    elif kind == "name":
        lemma = _nominative(span, doc.lang_)  # a name is cited in the nominative
    else:
        lemma = root.lemma_ if root is not None else text
    return Mention(
        start=start_char,
        end=end_char,
        text=text,
        label=label,
        kind=kind,  # type: ignore[arg-type]
        sent=sentence_index(sents, start_char),
        morph=str(root.morph) if root is not None else "",
        lemma=lemma,
        dep=root.dep_ if root is not None else "",
        rule=rule,
    )


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in _QUOTE_SPAN.finditer(text)]


class _Found:
    """The mentions collected so far, one per character span.

    A later mention of a span replaces an earlier one unless the earlier one is a name;
    mentions in boilerplate lines or without text are dropped, and a mention inside
    quotation marks is flagged ``in_quote``.
    """

    def __init__(self, doc: Doc, sents: Sequence[Sentence]) -> None:
        self.skip = [s for s in sents if s.is_boilerplate]
        self.quotes = _quote_ranges(doc_text(doc))
        self.by_span: dict[tuple[int, int], Mention] = {}

    def __contains__(self, key: object) -> bool:
        return key in self.by_span

    def add(self, m: Mention) -> None:
        if any(s.start <= m.start < s.end for s in self.skip) or not m.text.strip():
            return
        in_q = any(a <= m.start < b for a, b in self.quotes)
        key = (m.start, m.end)
        if key not in self.by_span or self.by_span[key].kind != "name":
            self.by_span[key] = m if m.in_quote == in_q else replace(m, in_quote=in_q)

    def claim(self, m: Mention) -> None:
        """Add ``m`` in place of every mention overlapping it."""
        for key in [k for k in self.by_span if k[0] < m.end and m.start < k[1]]:
            del self.by_span[key]
        self.add(m)


@dataclass(frozen=True, slots=True)
class _TitledName:
    """A capitalised name right after a title: a person ("Präsidentin Ana Ruiz")."""

    start: int  # token range of the name
    end: int
    title: TitleMatch


def _outer_titles(doc: Doc) -> list[TitleMatch]:
    """Title phrases, without those inside another title's phrase ("Kommissar des Königs")."""
    found = list(titles(doc))
    return [
        tm
        for tm in found
        if not any(o is not tm and o.start <= tm.head < o.end and o.head != tm.head for o in found)
    ]


def _titled_names(doc: Doc, title_list: Sequence[TitleMatch]) -> list[_TitledName]:
    """The names written right after a title (see :func:`_name_after`)."""
    out = []
    for tm in title_list:
        rng = _name_after(doc, tm.end)
        if rng is not None:
            out.append(_TitledName(rng[0], rng[1], tm))
    return out


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A name candidate: its span, label guess, the rule that found it and, for a
    construction, the head part that competing spans must not overlap and the char span
    of the country it names ("sudanesische" of "sudanesische Regierung")."""

    span: Span
    label: str
    rule: str = "ner"
    head_end: int = -1  # token; -1: the whole span is the head
    affiliation: tuple[int, int] | None = None

    def blocks(self, other: Span) -> bool:
        end = self.head_end if self.head_end >= 0 else self.span.end
        return self.span.start < other.end and other.start < end


def _constructed(doc: Doc) -> list[_Candidate]:
    """Names built by construction (:mod:`.constructions`), longest first, non-overlapping."""
    out: list[_Candidate] = []
    for c in sorted(constructions(doc), key=lambda c: (c.start - c.end, c.start)):
        if any(o.span.start < c.end and c.start < o.span.end for o in out):
            continue
        out.append(_Candidate(doc[c.start : c.end], c.label, c.rule, c.head_end, c.affiliation))
    return out


def _inside(inner: Span, outer: Span) -> bool:
    """``inner`` lies within ``outer`` and is shorter."""
    return outer.start <= inner.start and inner.end <= outer.end and len(inner) < len(outer)


def _ner_spans(doc: Doc) -> Iterator[_Candidate]:
    """NER entities, persons extended over initials and "Jr.", names joined by a slash, a
    person glued to a place or organisation split off it, a country cut before its noun
    completed and a place's ", D.C." added (:mod:`.spans`)."""
    first = first_names(doc) if doc.lang_ == "de" else (False,) * len(doc)
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        if label == "PER":
            yield _Candidate(_extend_person(ent), label)
            continue
        ent = slash_joined(ent)
        k = glued_person(ent, first)
        if k is not None:
            yield _Candidate(doc[ent.start : k], label, "ner.split")
            yield _Candidate(_extend_person(doc[k : ent.end]), "PER", "ner.split")
        elif label in {"LOC", "GPE"}:
            yield _Candidate(place_qualified(country_completed(ent)), label)
        else:
            yield _Candidate(ent, label)


def _name_spans(doc: Doc) -> list[_Candidate]:
    """NER entities (persons extended over initials and "Jr."), then names built around an
    organisation/event head noun and names built by construction; a later kind replaces
    the earlier spans it overlaps (a construction only those overlapping its head)."""
    spans = list(_ner_spans(doc))
    for span, label in _head_noun_names(doc):
        spans = [c for c in spans if not (c.span.start < span.end and span.start < c.span.end)]
        spans.append(_Candidate(span, label, "head_noun"))
    for built in _constructed(doc):
        outer = next((c for c in spans if _inside(built.span, c.span)), None)
        if outer is not None and outer.label != "PER":
            # "Deutschen Bundestag": the longer name stays, the construction labels it
            spans = [c for c in spans if c is not outer]
            spans.append(replace(outer, label=built.label, rule=built.rule))
            continue
        spans = [c for c in spans if c.label == "PER" or not built.blocks(c.span)]
        if not any(c.label == "PER" and built.blocks(c.span) for c in spans):
            spans.append(built)
    return sorted(spans, key=lambda c: c.span.start)


@cache
def _source_nouns_de() -> tuple[str, ...]:
    """Nouns a quote's source is stated with ("Angaben", "Kreisen"), five letters or more."""
    return tuple(w for w in words("quote_source_nouns", "de") if len(w) >= 5)


@cache
def _place_suffixes() -> tuple[str, ...]:
    """Last parts of street, square and quarter names (``place_suffixes.de.tsv``)."""
    return tuple(words("place_suffixes", "de"))


def _role_or_source_compound(inner: Span, label: str) -> bool:
    """A German word that is a job title ("Marineoberst") or a compound of a source noun
    ("Militärkreisen"), whatever the tagger said: no place or organisation name."""
    low = inner.text.lower()
    return label != "PER" and (
        bool(_title_matches_de(inner.text)) or low.endswith(_source_nouns_de())
    )


def _common_noun_name(
    inner: Span, label: str, lang: str, surnames: frozenset[str] = frozenset()
) -> bool:
    """A single German common noun tagged as a name ("Königspaars", "Auskunft", also a
    title or source-noun compound the tagger called a proper noun: "Marineoberst"), unless
    a head noun, an acronym, a country name or (for a person) a full name ending in it says
    it is one."""
    if label == "PER" and inner.text in surnames:
        return False
    if label == "LOC" and inner.text.lower().endswith(_place_suffixes()):
        return False  # "am Körnerplatz": a street or square name
    if _CAMEL_CASE.search(inner.text):
        return False  # "LobbyControl": no German noun has a capital inside
    return (
        lang == "de"
        and len(inner) == 1
        and (inner[0].pos_ == "NOUN" or _role_or_source_compound(inner, label))
        and label in {"LOC", "ORG", "MISC", "PER"}
        and _head_label(inner.text, lang) is None
        and not inner.text.isupper()
        and inner.text not in _country_names()
        and not (inner.text.endswith("s") and inner.text[:-1] in _country_names())
    )


_MODEL_CODE = re.compile(r"^[A-Z]\d{1,4}[A-Z]?\.?$")  # "A380", "A4", "A400M"


def _code_or_common_abbreviation(inner: Span) -> bool:
    """A one-word name that is the abbreviation of a common noun ("LKW", "AKW";
    ``common_abbreviations.de.tsv``) or a letter-and-number code of a model or a road
    ("Airbus A380", "der Kleinwagen A1"): no organisation or place. Groups named so ("G8")
    are forms of the organisation table, found before this filter applies."""
    if len(inner) != 1:
        return False
    text = inner.text
    return text.lower() in words("common_abbreviations", "de") or bool(_MODEL_CODE.match(text))


def _reports(tok: Token) -> bool:
    """The subject of a verb of ``outlet_verbs.de.tsv`` ("berichtet Reuters")."""
    return tok.dep_.startswith("nsubj") and tok.head.lemma_ in words("outlet_verbs", "de")


def _lowercase_outlet(inner: Span) -> bool:
    """A one-word lower-case name after "laut" or "gegenüber": an outlet or agency that
    writes its name in lower case ("laut taz", "laut dpa")."""
    doc = inner.doc
    return (
        len(inner) == 1
        and inner.text.isalpha()
        and inner.text.islower()
        and inner.start > 0
        and doc[inner.start - 1].lower_ in {"laut", "gegenüber"}
    )


def _person_shaped(inner: Span, words_: tuple[Sequence[bool], ...]) -> bool:
    """A name NER called a place that is built like a person's: a family name with an
    Arabic article after a word of no listed place ("Muammar al-Gaddafi"), or a first name
    then a surname of the name lists (:func:`.spans.person_name_words`); no country in it."""
    if len(inner) < 2 or len(inner) > 3 or not words_:
        return False
    first, surname, placed = words_
    if any(t.text in _country_names() for t in inner):
        return False
    last = inner[-1]
    if _ARTICLE_NAME.match(last.text):
        return not placed[inner.start]
    return first[inner.start] and surname[last.i] and not first[last.i]


def _name_label(
    inner: Span,
    label: str,
    lang: str,
    places: frozenset[str],
    name_words: tuple[Sequence[bool], ...] = (),
) -> tuple[str, str]:
    """The label of a trimmed NER name and the rule deciding it: a place noun before it
    makes a place ("die Stadt X"), a class noun before it or its list the class ("die
    Organisationen A, B und C"; :func:`.constructions.introduced_label`), an outlet by its
    verb or its lower-case name after "laut" ("berichtet Reuters", "laut taz"), a one-word acronym NER called a place an organisation
    ("EU"), a head noun decides otherwise ("Carnegie Foundation" → ORG)."""
    doc = inner.doc
    if inner.start > 0 and doc[inner.start - 1].lower_ in places:
        return "LOC", "place_noun"
    introduced = introduced_label(doc, inner.start) if lang == "de" else None
    if introduced is not None:
        return introduced, "class_noun"  # "die Organisationen A, B und C"
    if lang == "de" and label == "PER" and len(inner) == 1 and _reports(inner[0]):
        return "ORG", "outlet"  # "…, berichtet Reuters"
    if _lowercase_outlet(inner):
        return "ORG", "outlet"
    rule = "ner"
    if label in {"LOC", "GPE"} and _person_shaped(inner, name_words):
        return "PER", "first_name"  # "um Muammar al-Gaddafi": no place starts so
    if label == "LOC" and inner.text.isupper() and len(inner) == 1:
        label, rule = "ORG", "acronym"  # countries are resolved before labels matter
    head = _head_label(inner.text, lang)
    if head is None and lang == "de" and label == "MISC" and len(inner) > 1:
        # an English name inside German text: "die ugandische Lord’s Resistance Army"
        head = _head_label(inner.text, "en")
    if head is not None and label != "LOC" and head != label:
        return head, "head_noun"
    return label, rule


def _named_entities(
    doc: Doc,
    sents: Sequence[Sentence],
    spans: Sequence[_Candidate],
    title_list: Sequence[TitleMatch],
    taken: Sequence[bool],
) -> Iterator[Mention]:
    """Names from NER, head nouns and constructions, trimmed, filtered and labelled.

    German names start upper-case ("libysche Luftwaffe" is no name: the adjective stays as
    the actor) unless a construction built them ("die sudanesische Regierung"); a place
    noun or a compass direction alone ("Provinz", "Nord") is no name; a name holding a title or taken by a person after
    a title is left to :func:`_titled_persons`; demonyms are adjectives.
    """
    lang = doc.lang_
    places = _head_nouns("places", lang)
    text = doc_text(doc)
    surnames = frozenset(c.span[-1].text for c in spans if c.label == "PER" and len(c.span) > 1)
    name_words = person_name_words(doc) if lang == "de" else ()
    listed = listed_places(doc) if lang == "de" else []
    # words of longer names: a code there is the short name ("Partei D66" … "D66")
    named = frozenset(t.text for c in spans if len(c.span) > 1 for t in c.span)
    for cand in spans:
        inner = _trim_name(cand.span, lang)
        if not len(inner):
            continue
        built = cand.rule not in {"ner", "ner.split", "head_noun"}
        if not built and len(inner) > 1 and inner[0].lower_ in places:
            inner = inner[1:]  # "Großgemeinde Lukeqin": the place noun introduces the name
        if not built:
            if len(inner) == 1 and inner.text.lower() in places | words("directions", "de"):
                continue  # "die Provinz", "zwischen Nord und Süd"
            if lang == "de" and inner[0].text[:1].islower() and not _lowercase_outlet(inner):
                continue
            if _common_noun_name(inner, cand.label, lang, surnames) and not (
                cand.label == "LOC" and _place_by_list(token_table(doc), inner.start, listed)
            ):
                continue  # "Auskunft", not "im saarländischen Völklingen" (a listed town)
            if lang == "de" and _code_or_common_abbreviation(inner) and inner.text not in named:
                continue
        label, rule = (
            (cand.label, cand.rule)
            if built
            else _name_label(inner, cand.label, lang, places, name_words)
        )
        if cand.rule in {"head_noun", "ner.split"} and rule == "ner":
            rule = cand.rule
        if label in {"PER", "MISC", "ORG"} and any(
            inner.start <= tm.head < inner.end for tm in title_list
        ):
            continue
        if label == "NORP" or (
            lang == "en"
            and label == "GPE"
            and not inner.text.isupper()
            and inner.root.pos_ == "ADJ"
        ):
            yield _mention(
                doc, inner.start_char, inner.end_char, "NORP", "adjective", sents, "ner.demonym"
            )
            continue
        if any(taken[k] for k in range(inner.start, inner.end)):
            continue
        end_char = inner.end_char
        if built and inner[-1].like_num and inner[-1].text.endswith("."):
            end_char -= 1  # "… in Montenegro 2006." at a sentence end: the year, not the stop
        m = _mention(doc, inner.start_char, end_char, label, "name", sents, rule)
        aff = text[cand.affiliation[0] : cand.affiliation[1]] if cand.affiliation else None
        head = cand.head_end - 1 if cand.head_end >= 0 else None
        lemma = _nominative(inner, lang, head)
        if lang == "de" and label in {"LOC", "GPE"}:
            lemma = place_of_adjective(lemma, text) or lemma  # "Kieler" → "Kiel"
        yield replace(m, lemma=lemma, affiliation=aff)


def _repeated_names(
    doc: Doc,
    sents: Sequence[Sentence],
    spans: Sequence[_Candidate],
    persons: Sequence[_TitledName],
) -> Iterator[Mention]:
    """Later mentions of a name found once: a person's surname ("Kowal" after "Jana
    Kowal") and any one-word name repeated verbatim (NER labels repetitions inconsistently)."""
    tt = token_table(doc)
    known: dict[str, str] = {}
    for c in spans:
        if c.label == "PER" and len(c.span) > 1:
            known.setdefault(c.span[-1].text, "PER")
        if len(c.span) == 1 and c.span.text[:1].isupper():
            known.setdefault(c.span.text, c.label)
    for p in persons:
        if p.end - p.start > 1:
            known.setdefault(doc[p.end - 1].text, "PER")
    covered = {k for c in spans for k in range(c.span.start, c.span.end)}
    covered |= {k for p in persons for k in range(p.start, p.end)}
    for i, tok_text in enumerate(tt.text):
        label = known.get(tok_text)
        if label is not None and i not in covered:
            yield _mention(
                doc, tt.idx[i], tt.idx[i] + len(tok_text), label, "name", sents, "repeated"
            )


# an organisation follows these words ("gegenüber der NOS", "die CDU"; not "das BIP")
_BEFORE_ACRONYM = frozenset(
    {"der", "die", "des", "dem", "den", "laut", "gegenüber", "von", "bei", "mit", "für"}
    | {"und", "oder", "sowie", "im", "vom", "beim", "zum", "zur"}  # "CDU und CSU", "im ZDF"
)


def _acronyms(
    doc: Doc, sents: Sequence[Sentence], spans: Sequence[_Candidate]
) -> Iterator[Mention]:
    """German all-caps acronyms NER missed, after an article or a preposition that takes
    an organisation, are organisations; English NER handles acronyms well on its own."""
    if doc.lang_ != "de":
        return
    tt = token_table(doc)
    for i in range(1, len(tt)):
        tok_text = tt.text[i]
        if (
            tt.lower[i - 1] in _BEFORE_ACRONYM
            and tok_text.isupper()
            and tt.is_alpha[i]
            and 2 <= len(tok_text) <= 6
            and not tt.ent_type[i]
            and not tt.is_sent_start[i]
            and tok_text.lower() not in words("common_abbreviations", "de")
            and not any(c.span.start <= i < c.span.end for c in spans)
        ):
            yield _mention(
                doc, tt.idx[i], tt.idx[i] + len(tok_text), "ORG", "name", sents, "acronym"
            )


_PLACE_PREPOSITIONS = frozenset({"in", "aus", "nach", "bei", "von"})
_ARTICLE_PREPOSITIONS = frozenset({"im", "vom", "beim"})  # with an article, after an adjective


def _place_by_list(tt: TokenTable, i: int, listed: Sequence[bool]) -> bool:
    """Token ``i`` is a listed place (:func:`.spans.listed_places`) where a town's name
    stands: right after "in"/"aus"/"nach"/"bei"/"von" (a town takes no article: "in Hof",
    not "im Hof"), or after an article and a lower-case adjective ("im saarländischen
    Völklingen"). The lists only break a tie the tagger left open."""
    if not listed or not listed[i] or tt.is_sent_start[i] or i < 1:
        return False
    if tt.lower[i - 1] in _PLACE_PREPOSITIONS:
        return True
    adjective = tt.pos[i - 1] == "ADJ" and tt.text[i - 1].islower()
    return adjective and i > 1 and tt.lower[i - 2] in _PLACE_PREPOSITIONS | _ARTICLE_PREPOSITIONS


def _listed_places(
    doc: Doc, sents: Sequence[Sentence], spans: Sequence[_Candidate]
) -> Iterator[Mention]:
    """A proper noun NER left untagged where a town's name stands (:func:`_place_by_list`)."""
    if doc.lang_ != "de":
        return
    tt = token_table(doc)
    listed = listed_places(doc)
    covered = {k for c in spans for k in range(c.span.start, c.span.end)}
    for i in range(1, len(tt)):
        if tt.ent_type[i] or tt.pos[i] != "PROPN" or i in covered:
            continue
        if _place_by_list(tt, i, listed):
            end = tt.idx[i] + len(tt.text[i])
            yield _mention(doc, tt.idx[i], end, "LOC", "name", sents, "place.listed")


def _titled_persons(
    doc: Doc, sents: Sequence[Sentence], persons: Sequence[_TitledName]
) -> Iterator[Mention]:
    """The person after a title, carrying the title and its affiliation; these win over
    every other mention they overlap (see :meth:`_Found.claim`)."""
    for p in persons:
        span = doc[p.start : p.end]
        m = _mention(doc, span.start_char, span.end_char, "PER", "name", sents, "title.person")
        yield replace(m, title=p.title.nominative, affiliation=p.title.affiliation_text)


def _title_mentions(
    doc: Doc,
    sents: Sequence[Sentence],
    title_list: Sequence[TitleMatch],
    persons: Sequence[_TitledName],
    found: Container[tuple[int, int]],
) -> Iterator[Mention]:
    """Each title phrase as a mention of its own, then the affiliation it names when no
    mention covers that span yet ("US-" prefix, "russischen", "der Carnegie Foundation").

    English titles without a name count only as role nouns (:func:`_english_role_noun`).
    The lexicon knows a title's gender ("Bundeskanzlerin" is Fem) better than a tagger.
    """
    with_name = {id(p.title) for p in persons}
    for tm in title_list:
        span = doc[tm.start : tm.end]
        if doc.lang_ != "de" and id(tm) not in with_name and not _english_role_noun(doc, tm):
            continue
        m = _mention(doc, span.start_char, span.end_char, "PER", "title", sents, "title")
        head_tok = doc[tm.head]
        yield replace(
            m,
            lemma=tm.nominative,
            title=tm.nominative,
            affiliation=tm.affiliation_text,
            morph=f"Gender={tm.gender}" if tm.gender else str(head_tok.morph),
            dep=head_tok.dep_,
        )
        if tm.affiliation is None or tm.affiliation in found:
            continue
        a, b = tm.affiliation
        if head_tok.idx <= a < head_tok.idx + len(head_tok) and "-" in head_tok.text:
            kind, label = "adjective", "ORG"  # prefix: "US-", "Kreml-", "NATO-"
        elif a < head_tok.idx:
            kind, label = "adjective", "NORP"  # "russischen", "Iranian", "U.S."
        else:
            kind, label = "name", "ORG"  # "Vorsitzender der Carnegie Foundation"
        yield _mention(doc, a, b, label, kind, sents, "title.affiliation")


def _country_adjectives(doc: Doc, sents: Sequence[Sentence]) -> Iterator[Mention]:
    """Country adjectives ("russischen", "Iranian") and compound prefixes anywhere: an
    acronym ("NATO-Gipfel") or a country name ("Irak-Krieg") before a hyphen."""
    lang = doc.lang_
    tt = token_table(doc)
    for i, tok_text in enumerate(tt.text):
        idx = tt.idx[i]
        if (lang == "de" and tt.pos[i] in {"ADJ", ""} and _is_country_adjective(tt, i, lang)) or (
            lang != "de"
            and tt.pos[i] == "ADJ"
            and tok_text[:1].isupper()
            and not tt.is_sent_start[i]
        ):
            yield _mention(
                doc, idx, idx + len(tok_text), "NORP", "adjective", sents, "country.adjective"
            )
        if "-" in tok_text[1:-1] and tok_text[:1].isupper():
            prefix = tok_text.split("-", 1)[0]
            if prefix.isupper() and len(prefix) >= 2 and prefix.isalnum():  # "NATO-", "G8-"
                yield _mention(doc, idx, idx + len(prefix), "MISC", "adjective", sents, "prefix")
            elif prefix in _country_names():
                yield _mention(doc, idx, idx + len(prefix), "GPE", "adjective", sents, "prefix")


def _missed_countries(doc: Doc, sents: Sequence[Sentence]) -> Iterator[Mention]:
    """CLDR country names (up to three words, genitive -s allowed) that NER missed."""
    text = doc_text(doc)
    tt = token_table(doc)
    n_tok = len(tt)
    names = _country_names()
    prefixes = _country_prefixes()
    for i, tok_text in enumerate(tt.text):
        if not tok_text[:1].isupper() or tt.ent_type[i]:
            continue
        if tok_text not in prefixes and tok_text[:-1] not in names:
            continue  # no country name starts with this word: no span from here can match
        for n in (3, 2, 1):
            last = i + n - 1
            if last >= n_tok or any(tt.ent_type[k] for k in range(i, i + n)):
                continue
            start_char, end_char = tt.idx[i], tt.idx[last] + len(tt.text[last])
            t = text[start_char:end_char]  # = doc[i : i + n].text
            if t in names or (t.endswith("s") and t[:-1] in names):
                yield _mention(doc, start_char, end_char, "GPE", "name", sents, "country.name")
                break


def _event_roles(doc: Doc, sents: Sequence[Sentence]) -> Iterator[Mention]:
    """Event nouns after a definite article ("an der Konferenz", "the summit"), for
    coreference with a named event."""
    tt = token_table(doc)
    events = _event_nouns(doc.lang_)
    for i in range(1, len(tt)):
        low = tt.lower[i]
        if tt.ent_type[i] or not tt.is_alpha[i]:
            continue
        if tt.lower[i - 1] not in {"der", "die", "den", "dem", "des", "the", "this"}:
            continue
        if low in events or (doc.lang_ == "de" and _INFLECTION.sub("", low) in events):
            end = tt.idx[i] + len(tt.text[i])
            yield _mention(doc, tt.idx[i], end, "EVENT", "role", sents, "event.role")


def _pronouns(doc: Doc, sents: Sequence[Sentence]) -> Iterator[Mention]:
    """Third-person pronouns of ``pronouns.<lang>.tsv`` outside a named entity."""
    tt = token_table(doc)
    pronouns = words("pronouns", doc.lang_)
    for i, low in enumerate(tt.lower):
        if low in pronouns and tt.ent_iob[i] == "O":
            end = tt.idx[i] + len(tt.text[i])
            m = _mention(doc, tt.idx[i], end, "PRON", "pronoun", sents, "pronoun")
            yield replace(m, morph=pronoun_morph(m.text, doc.lang_, m.morph))


def _one_label_per_name(found: Iterable[Mention], doc: Doc) -> list[Mention]:
    """Evidence from a title (PER) or a place noun (LOC) on any mention of a name decides
    the label of all its mentions ("die Stadt Bani Walid" … "Bani Walid ist …")."""
    text = doc_text(doc)
    places = _head_nouns("places", doc.lang_)
    found = list(found)
    strong: dict[str, str] = {}
    for m in found:
        if m.kind == "name" and (m.title or (m.label == "LOC" and _after_place(text, m, places))):
            strong.setdefault(m.text, "PER" if m.title else "LOC")
    return [
        replace(m, label=strong[m.text], rule=m.rule + "+one_label")
        if m.kind == "name" and m.text in strong and m.label != strong[m.text]
        else m
        for m in found
    ]


def _body_key(m: Mention) -> tuple[str, str] | None:
    """(country as written, kind of body) of a state body mention, None for another."""
    if m.rule != "org.state_body" or not m.affiliation:
        return None
    kinds = [state_body_kind(w.split("-", 1)[-1]) for w in m.text.split()]
    kind = next((k for k in kinds if k is not None), "")
    country = m.affiliation
    if country.endswith("s") and country[:-1] in _country_names():
        country = country[:-1]  # "Regierung Myanmars"
    return (_INFLECTION.sub("", country.lower()), kind) if kind else None


def _one_name_per_body(found: Iterable[Mention]) -> list[Mention]:
    """A country has one body of each kind: a later state body of the same kind and country
    takes the name of the first ("afghanische Truppen" … "afghanischen Militäreinheiten",
    "Regierung Myanmars" … "Militärregierung Myanmars"; ``state_bodies.de.tsv``)."""
    found = sorted(found, key=lambda m: m.start)
    first: dict[tuple[str, str], str] = {}
    out = []
    for m in found:
        key = _body_key(m)
        if key is not None:
            lemma = first.setdefault(key, m.lemma or m.text)
            if lemma != m.lemma:
                m = replace(m, lemma=lemma)
        out.append(m)
    return out


def mentions(doc: Doc, sents: Sequence[Sentence]) -> Iterator[Mention]:
    """Every mention of an article, in text order (see the module docstring).

    The steps run in this order because a later mention of the same span replaces an
    earlier one unless that is a name, and a person after a title claims its span.
    """
    found = _Found(doc, sents)
    title_list = _outer_titles(doc)
    persons = _titled_names(doc, title_list)
    taken = [False] * len(doc)
    for p in persons:
        for k in range(p.start, p.end):
            taken[k] = True
    spans = _name_spans(doc)
    for m in chain(
        _named_entities(doc, sents, spans, title_list, taken),
        _repeated_names(doc, sents, spans, persons),
        _acronyms(doc, sents, spans),
        _listed_places(doc, sents, spans),
    ):
        found.add(m)
    for m in _titled_persons(doc, sents, persons):
        found.claim(m)
    for m in chain(
        _title_mentions(doc, sents, title_list, persons, found),
        _country_adjectives(doc, sents),
        _missed_countries(doc, sents),
        _event_roles(doc, sents),
        _pronouns(doc, sents),
    ):
        found.add(m)
    out = _one_name_per_body(_one_label_per_name(found.by_span.values(), doc))
    yield from sorted(out, key=lambda m: (m.start, -m.end))


def _after_place(text: str, m: Mention, places: frozenset[str]) -> bool:
    before = text[max(0, m.start - 30) : m.start].split()
    return bool(before) and before[-1].lower() in places
