"""Speaker resolution (resolve/speakers.py) with hand-made mentions and quotes: one case per
kind of speaker phrase and per step of the ranking."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphbuild.resolve import resolve
from graphbuild.resolve.speakers import noun_kind, resolve_speakers
from graphbuild.types import Article, Entity, Extraction, Mention, Quote, Relation, Sentence


def article(text: str, mentions: list[Mention], quotes: list[Quote], id: str = "a1") -> Extraction:
    """An Extraction whose sentences end at ". " (and at line ends)."""
    sents, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n" or (ch == "." and (i + 1 == len(text) or text[i + 1] in " \n")):
            sents.append(Sentence(start, i + 1))
            start = i + 2 if i + 1 < len(text) else i + 1
    if start < len(text):
        sents.append(Sentence(start, len(text)))
    return Extraction(Article(id, "de", "", text), tuple(sents), tuple(mentions), tuple(quotes), ())


def sent_of(text: str, at: int) -> int:
    return text[:at].count(". ") + text[:at].count("\n")


def mention(
    text: str, word: str, label: str = "PER", kind: str = "name", nth: int = 0, **kw
) -> Mention:  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(
        start, start + len(word), word, label, kind=kind, sent=sent_of(text, start), **kw
    )  # type: ignore[arg-type]


def quote(
    text: str, said: str, speaker: Mention | None = None, phrase: str | None = None, **kw
) -> Quote:  # type: ignore[no-untyped-def]
    start = text.index(said)
    span = None
    if phrase is not None:
        p = text.index(phrase)
        span = (p, p + len(phrase))
    elif speaker is not None:
        span = (speaker.start, speaker.end)
    kw.setdefault("kind", "indirect")
    kw.setdefault("type", kw["kind"])
    return Quote(
        start,
        start + len(said),
        said,
        speaker=speaker,
        speaker_phrase=span,
        spans=((start, start + len(said)),),
        sent=sent_of(text, start),
        **kw,
    )


def speakers(ext: Extraction) -> list[tuple[str | None, str | None]]:
    """(entity name, entity type) of every quote's speaker after resolution."""
    res = resolve(ext)
    out = []
    for q in res.extraction.quotes:
        e = res.entity(q.speaker)
        out.append((e.name if e else None, e.type if e else None))
    return out


@pytest.mark.parametrize(
    "word, kind",
    [
        ("Regierungssprecherin", "person"),
        ("Präsidenten", "person"),
        ("58-Jährige", "person"),
        ("Angaben", "document"),
        ("Positionspapier", "document"),
        ("Polizei", "organisation"),
        ("Verfassungsschutz", "organisation"),
        ("Opposition", "organisation"),
        ("Berater", "person"),
        ("Argumentation", "abstract"),
        ("Ermittlungen", "abstract"),
        ("Regierungskreise", "source"),
        ("Militärkreisen", "source"),
        ("Wetter", ""),
    ],
)
def test_speaker_noun_kinds_match_compounds_and_endings(word: str, kind: str) -> None:
    assert noun_kind(word, "de") == kind


def test_speaker_organisation_becomes_an_entity_named_by_its_phrase() -> None:
    text = "Die Bochumer Polizei teilte mit, der Mann sei geflohen."
    m = mention(text, "Polizei", kind="role")
    ext = article(text, [], [quote(text, "der Mann sei geflohen", m, "Die Bochumer Polizei")])
    assert speakers(ext) == [("Bochumer Polizei", "Organization")]


def test_speaker_organisation_takes_its_country_as_affiliation() -> None:
    text = "Russland schweigt. Die russische Regierung erklärte, alles sei ruhig."
    russia = mention(text, "Russland", "LOC")
    adjective = mention(text, "russische", "LOC", kind="adjective")
    m = mention(text, "Regierung", kind="role")
    q = quote(text, "alles sei ruhig", m, "Die russische Regierung")
    res = resolve(article(text, [russia, adjective], [q]))
    e = res.entity(res.extraction.quotes[0].speaker)
    assert e is not None and e.type == "Organization" and e.name == "russische Regierung"
    assert e.affiliation == res.entity_of[russia]


def test_speaker_organisation_named_again_by_its_head_noun_is_the_same_entity() -> None:
    text = "Die Bochumer Polizei teilte mit, es sei ruhig. Die Polizei sagte, sie ermittle."
    first = mention(text, "Polizei", kind="role")
    again = mention(text, "Polizei", kind="role", nth=1)
    ext = article(
        text,
        [],
        [
            quote(text, "es sei ruhig", first, "Die Bochumer Polizei"),
            quote(text, "sie ermittle", again, "Die Polizei"),
        ],
    )
    assert speakers(ext) == [("Bochumer Polizei", "Organization")] * 2


def test_speaker_place_inside_the_phrase_is_the_affiliation_not_the_speaker() -> None:
    text = "Nach Angaben der Staatsanwaltschaft Krefeld sei er geflohen."
    krefeld = mention(text, "Krefeld", "LOC")
    q = quote(text, "sei er geflohen", krefeld, "Angaben der Staatsanwaltschaft Krefeld")
    res = resolve(article(text, [krefeld], [q]))
    e = res.entity(res.extraction.quotes[0].speaker)
    assert e is not None and (e.name, e.type) == ("Staatsanwaltschaft Krefeld", "Organization")
    assert e.affiliation == res.entity_of[krefeld]  # the place it is from


def test_speaker_document_stands_for_its_issuer() -> None:
    text = "In einem Positionspapier des Innenministeriums heißt es, die Lage sei ernst."
    m = mention(text, "Positionspapier", kind="role")
    q = quote(text, "die Lage sei ernst", m, "einem Positionspapier des Innenministeriums")
    # a generic body, named by no name of its own: an unnamed source (resolve/bodies.py)
    assert speakers(article(text, [], [q])) == [("Innenministeriums", "UnnamedSource")]


def test_speaker_named_after_a_genitive_is_named_by_its_own_words() -> None:
    text = "Nach Angaben der Sendeanstalt seien viele Helfer eingetroffen."
    m = mention(text, "Sendeanstalt", kind="role")
    q = quote(text, "seien viele Helfer eingetroffen", m, "Angaben der Sendeanstalt")
    assert speakers(article(text, [], [q])) == [("Sendeanstalt", "Organization")]


@pytest.mark.parametrize(
    "text, head, phrase, expected",
    [
        # an abstract noun speaks through its genitive, else for no one
        ("Die Argumentation sei schlüssig, hieß es.", "Argumentation", "Die Argumentation", None),
        (
            "Die Argumentation des Gerichts sei, er habe gelogen.",
            "Argumentation",
            "Die Argumentation des Gerichts",
            ("Gerichts", "UnnamedSource"),  # a generic body (resolve/bodies.py)
        ),
        # a noun that is neither a role, a document, an institution nor abstract is a body,
        # a generic one (resolve/bodies.py)
        (
            "Die Opposition erklärte, sie lehne ab.",
            "Opposition",
            "Die Opposition",
            ("Opposition", "UnnamedSource"),
        ),
    ],
)
def test_speaker_abstract_nouns_make_no_node_of_their_own(
    text: str, head: str, phrase: str, expected: tuple[str, str] | None
) -> None:
    m = mention(text, head, kind="role")
    said = text[text.index(",") + 2 : -1] if "," in text else text
    q = quote(text, said, m, phrase)
    assert speakers(article(text, [], [q])) == [expected or (None, None)]


def test_speaker_apposition_with_a_name_is_that_person() -> None:
    text = "Der Vorsitzende des Verbands, Max Muster, sagte, es gehe voran."
    name = mention(text, "Max Muster")
    role = mention(text, "Vorsitzende", kind="role")
    q = quote(text, "es gehe voran", role, "Der Vorsitzende des Verbands, Max Muster")
    assert speakers(article(text, [name], [q])) == [("Max Muster", "Person")]


def test_speaker_role_noun_is_the_person_holding_that_role() -> None:
    text = "US-Präsident Tom Kerr reiste ab. Der amerikanische Präsident sagte, es sei gut."
    title = mention(text, "US-Präsident", kind="title", lemma="US-Präsident")
    name = mention(text, "Tom Kerr")
    role = mention(text, "Präsident", kind="role", nth=1)
    q = quote(text, "es sei gut", role, "Der amerikanische Präsident")
    assert speakers(article(text, [title, name], [q])) == [("Tom Kerr", "Person")]


@pytest.mark.parametrize(
    "then, head, phrase, said",
    [
        # an age noun stands for the person just quoted
        (
            "Die 58-Jährige betonte, es gehe ihr gut.",
            "58-Jährige",
            "Die 58-Jährige",
            "es gehe ihr gut",
        ),
        # a possessive before a document names its owner
        ("Ihren Angaben zufolge sei alles ruhig.", "Angaben", "Ihren Angaben", "sei alles ruhig"),
    ],
)
def test_speaker_refers_back_to_the_person_just_quoted(
    then: str, head: str, phrase: str, said: str
) -> None:
    text = "Anna Berg sagte, sie bleibe. " + then
    name = mention(text, "Anna Berg", dep="nsubj")
    role = mention(text, head, kind="role")
    ext = article(text, [name], [quote(text, "sie bleibe", name), quote(text, said, role, phrase)])
    assert speakers(ext) == [("Anna Berg", "Person")] * 2


def test_speaker_pronoun_after_a_paragraph_break_is_the_previous_speaker() -> None:
    text = "Anna Berg sagte, sie bleibe.\n„Wir machen weiter“, sagte sie."
    name = mention(text, "Anna Berg", dep="nsubj")
    she = mention(text, "sie", "PRON", kind="pronoun", nth=1, morph="Gender=Fem|Number=Sing")
    ext = article(
        text,
        [name],
        [quote(text, "sie bleibe", name), quote(text, "Wir machen weiter", she, kind="direct")],
    )
    assert speakers(ext) == [("Anna Berg", "Person")] * 2


def test_speaker_pronoun_does_not_take_a_speaker_of_the_other_gender() -> None:
    text = "Anna Berg sagte, sie bleibe. „Gut“, sagte er."
    name = mention(text, "Anna Berg", dep="nsubj", morph="Gender=Fem")
    he = mention(text, "er", "PRON", kind="pronoun", nth=1, morph="Gender=Masc|Number=Sing")
    ext = article(
        text, [name], [quote(text, "sie bleibe", name), quote(text, "Gut", he, kind="direct")]
    )
    assert speakers(ext)[1] == (None, None)


def test_speaker_cue_less_quotation_continues_the_previous_speaker() -> None:
    text = "„Wir bleiben“, sagte Anna Berg. „Und wir kämpfen.“"
    name = mention(text, "Anna Berg", dep="nsubj")
    ext = article(
        text,
        [name],
        [
            quote(text, "Wir bleiben", name, kind="direct", cue="sagte"),
            quote(text, "Und wir kämpfen.", kind="direct"),
        ],
    )
    res = resolve(ext)
    second = res.extraction.quotes[1]
    assert res.entity(second.speaker) is not None
    assert res.entity(second.speaker).name == "Anna Berg"  # type: ignore[union-attr]


def test_speaker_continuation_stops_when_another_speaker_intervenes() -> None:
    text = "„Wir bleiben“, sagte Anna Berg. Tom Kerr widersprach heftig. „Und wir kämpfen.“"
    berg = mention(text, "Anna Berg", dep="nsubj")
    kerr = mention(text, "Tom Kerr", dep="nsubj")
    ext = article(
        text,
        [berg, kerr],
        [
            quote(text, "Wir bleiben", berg, kind="direct", cue="sagte"),
            quote(text, "Und wir kämpfen.", kind="direct"),
        ],
    )
    # not Berg's: Kerr is the subject in between (and of the sentence before: salience)
    assert speakers(ext)[1] == ("Tom Kerr", "Person")


def test_speaker_cue_less_quotation_takes_the_subject_of_the_sentence_before() -> None:
    text = "Khan lachte. „Wir bleiben auf Kurs.“"
    khan = mention(text, "Khan", dep="nsubj")
    ext = article(text, [khan], [quote(text, "Wir bleiben auf Kurs.", kind="direct")])
    assert speakers(ext) == [("Khan", "Person")]


def test_speaker_pronoun_inside_reported_speech_is_the_speaker_before() -> None:
    text = "Edathy sagte, der Plan sei gut. Er halte ihn für maßvoll."
    name = mention(text, "Edathy", dep="nsubj")
    he = mention(text, "Er", "PRON", kind="pronoun", morph="Gender=Masc|Number=Sing")
    ext = article(
        text,
        [name],
        [
            quote(text, "der Plan sei gut", name),
            quote(text, "Er halte ihn für maßvoll.", he, type="free_indirect"),
        ],
    )
    assert speakers(ext) == [("Edathy", "Person")] * 2


def test_speaker_fragment_nested_in_a_report_takes_its_speaker() -> None:
    text = "Edathy sagte, die Lage sei ernst."
    name = mention(text, "Edathy", dep="nsubj")
    ext = article(
        text,
        [name],
        [quote(text, "die Lage sei ernst", name), quote(text, "ernst", kind="direct")],
    )
    assert speakers(ext) == [("Edathy", "Person")] * 2


@pytest.mark.parametrize(
    "phrase, head",
    [("ein hochrangiger Politiker", "Politiker"), ("Experten vor Ort", "Experten")],
)
def test_speaker_unnamed_source_is_one_node_per_article(phrase: str, head: str) -> None:
    text = f"Wie {phrase} sagte, sei die Lage ernst."
    plural = "Number=Plur" if head.endswith("en") else "Number=Sing"
    m = mention(text, head, kind="role", morph=plural)
    ids = set()
    for art in ("a1", "a2"):
        ext = article(text, [], [quote(text, "sei die Lage ernst", m, phrase)], id=art)
        _, entities, of = resolve_speakers(ext, [], {})
        e = next(e for e in entities if e.id == of[m])
        assert e.type == "UnnamedSource" and head in e.name
        ids.add(e.id)
    assert len(ids) == 2  # never merged across articles


def test_speaker_existing_entity_keeps_its_mention() -> None:
    text = "Anna Berg sagte, sie bleibe."
    name = mention(text, "Anna Berg")
    berg = Entity("anna_berg", "Anna Berg", "Person")
    ext = article(text, [name], [quote(text, "sie bleibe", name)])
    quotes, entities, of = resolve_speakers(ext, [berg], {name: "anna_berg"})
    assert of[quotes[0].speaker] == "anna_berg" and entities == [berg]  # type: ignore[index]


@pytest.mark.parametrize(
    "text, head, lang",
    [
        (
            "Ein hochrangiger russischer Politiker sagte, es sei ernst.",
            "hochrangiger russischer Politiker",
            "de",
        ),
        ("Senior U.S. officials said it was serious.", "U.S. officials", "en"),
    ],
)
def test_speaker_head_noun_of_a_longer_role_mention(text: str, head: str, lang: str) -> None:
    m = mention(text, head, kind="role", morph="Number=Plur" if lang == "en" else "")
    said = "es sei ernst" if lang == "de" else "it was serious"
    phrase = text[: text.index(" sagte") if lang == "de" else text.index(" said")]
    ext = article(text, [], [quote(text, said, m, phrase)])
    ext = Extraction(
        Article("a1", lang, "", text), ext.sentences, ext.mentions, ext.quotes, ext.relations
    )
    assert speakers(ext)[0][1] == "UnnamedSource"


def test_speaker_apposition_beats_a_person_named_in_a_genitive() -> None:
    text = "Der Doktorvater Bergs, Max Muster, sagte, es sei gut."
    berg = mention(text, "Bergs")
    muster = mention(text, "Max Muster")
    role = mention(text, "Doktorvater", kind="role")
    q = quote(text, "es sei gut", role, "Der Doktorvater Bergs, Max Muster")
    assert speakers(article(text, [berg, muster], [q])) == [("Max Muster", "Person")]


def test_speaker_compound_on_an_organisation_is_a_body_of_it() -> None:
    text = "Die SPD tagte. Die SPD-Landtagsfraktion erklärte, es sei gut."
    spd = mention(text, "SPD", "ORG")
    prefix = mention(text, "SPD", "ORG", kind="adjective", nth=1)
    q = quote(text, "es sei gut", prefix, "Die SPD-Landtagsfraktion")
    res = resolve(article(text, [spd, prefix], [q]))
    e = res.entity(res.extraction.quotes[0].speaker)
    assert e is not None and (e.name, e.type) == ("SPD-Landtagsfraktion", "Organization")
    assert e.affiliation == res.entity_of[spd]


@pytest.mark.parametrize("pronoun, morph, resolved", [("Sie", "Fem", True), ("Er", "Masc", False)])
def test_speaker_pronoun_party_of_a_relation_resolves_like_a_speaker(
    pronoun: str, morph: str, resolved: bool
) -> None:
    # "Die Gewerkschaft Verdi … Sie kritisierte Anna Berg": the organisation of the
    # pronoun's gender is its antecedent, as for a speaker; "Er" has none
    text = f"Die Gewerkschaft Verdi protestierte. {pronoun} kritisierte Anna Berg."
    verdi = mention(text, "Verdi", "ORG", morph="Gender=Fem", dep="nsubj")
    sie = mention(text, pronoun, "PRON", kind="pronoun", morph=f"Gender={morph}|Number=Sing")
    berg = mention(text, "Anna Berg", dep="obj")
    rel = Relation(sie, "criticizes", berg, sie.start, berg.end, sent=1, rule="verb.kritisieren")
    ext = replace(article(text, [verdi, sie, berg], []), relations=(rel,))
    res = resolve(ext)
    got = {(res.entity_of[r.subject], r.predicate) for r in res.extraction.relations}
    assert (got == {("verdi", "criticizes")}) is resolved


@pytest.mark.parametrize(
    "text, word, phrase, expected",
    [
        # a source circle the tagger called a name: an unnamed source, no person
        (
            "Aus Militärkreisen verlautete, die Lage sei ernst.",
            "Militärkreisen",
            "Militärkreisen",
            ("Militärkreisen", "UnnamedSource"),
        ),
        # its genitive names who speaks
        (
            "Aus Kreisen der Sendeanstalt verlautete, die Lage sei ernst.",
            "Kreisen",
            "Kreisen der Sendeanstalt",
            ("Sendeanstalt", "Organization"),
        ),
        # one word opening its sentence, capitalised by its position: no name, no entity
        ("Besorgt äußerte sich gestern, die Lage sei ernst.", "Besorgt", "Besorgt", None),
        # a role noun may be a surname: a name inside a sentence is still a person
        (
            "Gestern sagte Richter, die Lage sei ernst.",
            "Richter",
            "Richter",
            ("Richter", "Person"),
        ),
        # a name the extractor missed inside a sentence is still a person
        (
            "Gestern sagte Wolkenfeld, die Lage sei ernst.",
            "Wolkenfeld",
            "Wolkenfeld",
            ("Wolkenfeld", "Person"),
        ),
    ],
)
def test_speaker_name_the_extractor_did_not_find_must_pass_as_a_name(
    text: str, word: str, phrase: str, expected: tuple[str, str] | None
) -> None:
    m = mention(text, word)  # the quote extractor's own "name"; no mention of the article
    q = quote(text, "die Lage sei ernst", m, phrase)
    assert speakers(article(text, [], [q])) == [expected or (None, None)]


def test_speaker_opening_word_found_as_a_mention_or_named_before_stays_a_name() -> None:
    text = "Anna Berg kam. Berg sagte, die Lage sei ernst. Lindqvist sagte, sie gehe."
    first = mention(text, "Anna Berg")
    opening = mention(text, "Berg", nth=1)  # ends a name of the article
    found = mention(text, "Lindqvist")  # a mention the extractor found
    ext = article(
        text,
        [first, found],
        [
            quote(text, "die Lage sei ernst", opening, "Berg"),
            quote(text, "sie gehe", found, "Lindqvist"),
        ],
    )
    assert speakers(ext) == [("Anna Berg", "Person"), ("Lindqvist", "Person")]
