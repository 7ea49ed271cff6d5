"""Resolution with hand-made Mentions (resolve never sees spaCy)."""

from __future__ import annotations

import pytest

from graphbuild.resolve import resolve
from graphbuild.resolve.coref import pronoun_antecedent, role_antecedent
from graphbuild.resolve.countries import country_name, country_of
from graphbuild.resolve.entities import entity_id
from graphbuild.resolve.organizations import organization_of
from graphbuild.types import Article, Extraction, Mention, Relation, Sentence


def extraction(text: str, mentions: list[Mention], relations=(), lang: str = "de", headings=()):  # type: ignore[no-untyped-def]
    """An Extraction with one sentence per line (or per ". ")."""
    sents = []
    pos = 0
    for i, part in enumerate(text.split("\n")):
        sents.append(Sentence(pos, pos + len(part), is_heading=i in headings))
        pos += len(part) + 1
    return Extraction(
        Article("a1", lang, "", text), tuple(sents), tuple(mentions), (), tuple(relations)
    )


def m(text: str, full: str, label: str = "PER", kind: str = "name", nth: int = 0, **kw) -> Mention:  # type: ignore[no-untyped-def]
    """A mention of ``text`` at its nth occurrence in ``full``; sentence = line number."""
    start = -1
    for _ in range(nth + 1):
        start = full.index(text, start + 1)
    sent = full[:start].count("\n")
    return Mention(start, start + len(text), text, label, kind=kind, sent=sent, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------ countries


@pytest.mark.parametrize(
    "surface, lang, expected",
    [
        ("den USA", "de", "usa"),
        ("Vereinigte Staaten", "de", "usa"),
        ("US", "de", "usa"),
        ("amerikanischen", "de", "usa"),
        ("Russland", "de", "russland"),
        ("russischer", "de", "russland"),
        ("ukrainische", "de", "ukraine"),
        ("Frankreichs", "de", "frankreich"),
        ("französischen", "de", "frankreich"),
        ("spanische", "de", "spanien"),
        ("United States", "en", "united_states"),
        ("U.S.", "en", "united_states"),
        ("American", "en", "united_states"),
        ("Iranian", "en", "iran"),
        ("British", "en", "united_kingdom"),
        ("Polish", "en", "poland"),
        ("Kenyan", "en", "kenya"),
    ],
)
def test_resolve_country_forms(surface: str, lang: str, expected: str) -> None:
    c = country_of(surface, lang)
    assert c is not None and c.id == expected


@pytest.mark.parametrize(
    "surface", ["politischen", "nationaler", "NATO", "Kreml", "Europa", "Islamic"]
)
def test_resolve_not_countries(surface: str) -> None:
    assert country_of(surface, "de") is None and country_of(surface, "en") is None


def test_resolve_country_names_come_from_cldr() -> None:
    assert country_name("JP", "de") == "Japan"
    assert country_name("EG", "de") == "Ägypten"
    assert country_name("DE", "en") == "Germany"


def test_resolve_entity_id() -> None:
    assert entity_id("Genfer Klimakonferenz Süd") == "genfer_klimakonferenz_sued"
    assert entity_id("Elliott Roosevelt Jr.") == "elliott_roosevelt_jr"


# ------------------------------------------------------------------ coref


def test_resolve_pronoun_prefers_subject_and_agreement() -> None:
    a = Mention(0, 9, "Anna Berg", "PER", sent=0, dep="obj")
    b = Mention(20, 28, "Olaf Kurz", "PER", sent=0, dep="nsubj")
    er = Mention(40, 42, "er", "PRON", kind="pronoun", sent=1)
    sie = Mention(40, 43, "sie", "PRON", kind="pronoun", sent=1, morph="Gender=Fem|Number=Sing")
    genders = {a: "Fem", b: "Masc"}
    assert pronoun_antecedent(er, [a, b], genders) is b
    assert pronoun_antecedent(sie, [a, b], genders) is a
    plural = Mention(40, 43, "sie", "PRON", kind="pronoun", sent=1, morph="Number=Plur")
    assert pronoun_antecedent(plural, [a, b], genders) is None
    quoted = Mention(40, 42, "er", "PRON", kind="pronoun", sent=1, in_quote=True)
    assert pronoun_antecedent(quoted, [a, b], genders) is None


def test_resolve_pronoun_prefers_main_subject_of_earlier_sentence() -> None:
    """ "Kerry said Zarif put offers on the table. He later told CBS …": in an earlier
    sentence the first subject (the main clause's) wins; in the pronoun's own sentence the
    nearest subject does."""
    kerry = Mention(0, 5, "Kerry", "PER", sent=0, dep="nsubj")
    zarif = Mention(11, 16, "Zarif", "PER", sent=0, dep="nsubj")
    he = Mention(45, 47, "he", "PRON", kind="pronoun", sent=1, morph="Gender=Masc")
    assert pronoun_antecedent(he, [kerry, zarif], {}) is kerry
    same = Mention(20, 22, "he", "PRON", kind="pronoun", sent=0, morph="Gender=Masc")
    assert pronoun_antecedent(same, [kerry, zarif], {}) is zarif


def test_resolve_pronoun_window_is_limited() -> None:
    a = Mention(0, 9, "Anna Berg", "PER", sent=0, dep="nsubj")
    far = Mention(400, 403, "sie", "PRON", kind="pronoun", sent=6)
    assert pronoun_antecedent(far, [a], {}) is None


def test_resolve_role_noun_needs_matching_position() -> None:
    p = Mention(0, 9, "Anna Berg", "PER", sent=0)
    q = Mention(20, 29, "Olaf Kurz", "PER", sent=0)
    role = Mention(50, 59, "Präsident", "PER", kind="title", sent=1, lemma="Präsident")
    positions = {p: ["US-Präsident"], q: ["Außenminister"]}
    assert role_antecedent(role, [p, q], positions) is p
    minister = Mention(50, 58, "minister", "PER", kind="title", sent=1, lemma="minister")
    assert role_antecedent(minister, [p, q], {p: ["President"], q: ["Foreign Minister"]}) is q


# ------------------------------------------------------------------ entities


def test_resolve_surname_title_and_pronoun_join_one_person() -> None:
    text = (
        "Bundeskanzlerin Eva Lind reiste ab.\nLind sagte, sie komme wieder.\nDie Kanzlerin schwieg."
    )
    ms = [
        m("Bundeskanzlerin", text, kind="title", lemma="Bundeskanzlerin", morph="Gender=Fem"),
        m("Eva Lind", text, title="Bundeskanzlerin", dep="nsubj"),
        m("Lind", text, nth=1, dep="nsubj"),
        m("sie", text, "PRON", kind="pronoun", morph="Gender=Fem|Number=Sing"),
        m("Kanzlerin", text, kind="title", lemma="Kanzlerin"),
    ]
    res = resolve(extraction(text, ms))
    assert [e.id for e in res.entities] == ["eva_lind"]
    person = res.entities[0]
    assert person.positions == ("Bundeskanzlerin",)
    assert set(person.aliases) == {"Lind"}
    assert {res.entity_of[x] for x in ms} == {"eva_lind"}


def test_resolve_short_name_finds_full_name_mentioned_later() -> None:
    text = "Lind kommt\nEva Lind sagte etwas."
    ms = [m("Lind", text), m("Eva Lind", text)]
    res = resolve(extraction(text, ms))
    assert [e.name for e in res.entities] == ["Eva Lind"]


def test_resolve_two_people_same_surname_go_to_the_most_recent() -> None:
    text = "Eva Lind und Tom Lind kamen.\nTom Lind blieb. Lind sagte nichts."
    ms = [
        m("Eva Lind", text),
        m("Tom Lind", text),
        m("Tom Lind", text, nth=1),
        m("Lind", text, nth=3),
    ]
    res = resolve(extraction(text, ms))
    assert res.entity_of[ms[-1]] == "tom_lind"


def test_resolve_country_forms_make_one_entity_with_aliases() -> None:
    text = "US-Präsident Tom Kerr traf die USA und amerikanische Diplomaten."
    ms = [
        m("US", text, "MISC", kind="adjective"),
        m("US-Präsident", text, kind="title", lemma="US-Präsident", affiliation="US"),
        m("Tom Kerr", text, title="US-Präsident", affiliation="US"),
        m("USA", text, "LOC"),
        m("amerikanische", text, "NORP", kind="adjective"),
    ]
    rel = Relation(ms[1], "represents", ms[0], 0, 21, rule="represents.title")
    res = resolve(extraction(text, ms, [rel]))
    by_id = {e.id: e for e in res.entities}
    assert set(by_id) == {"usa", "tom_kerr"}
    assert by_id["usa"].type == "Country"
    assert set(by_id["usa"].aliases) == {"US", "amerikanische"}
    assert by_id["tom_kerr"].affiliation == "usa"
    assert [(r["subject"], r["predicate"], r["object"]) for r in res.to_json()["relations"]] == [
        ("tom_kerr", "represents", "usa")
    ]


def test_resolve_adjective_only_country_needs_a_fact() -> None:
    text = "Die ehemalige spanische Ministerin Ana Ruiz sprach."
    ms = [m("spanische", text, "NORP", kind="adjective"), m("Ana Ruiz", text)]
    res = resolve(extraction(text, ms))
    assert [e.id for e in res.entities] == ["ana_ruiz"]


def test_resolve_state_body_belongs_to_its_country() -> None:
    text = "Die afghanische Regierung schwieg."
    ms = [
        m("afghanische", text, "NORP", kind="adjective"),
        m("afghanische Regierung", text, "ORG", rule="org.state_body", affiliation="afghanische"),
    ]
    res = resolve(extraction(text, ms))
    body = next(e for e in res.entities if e.type == "Organization")
    assert body.affiliation == "afghanistan"
    assert "afghanistan" in {e.id for e in res.entities}  # kept: the body's affiliation


def test_resolve_heading_names_only_join_body_entities() -> None:
    text = "Lind Holds Talks\nEva Lind met Tom Kerr."
    ms = [
        m("Lind Holds", text),
        m("Lind", text, nth=0),
        m("Eva Lind", text),
        m("Tom Kerr", text),
    ]
    ms[1] = Mention(0, 4, "Lind", "PER", sent=0)
    res = resolve(extraction(text, [ms[0], ms[2], ms[3]], headings={0}))
    assert {e.id for e in res.entities} == {"eva_lind", "tom_kerr"}


def test_resolve_inflected_organisation_gets_nominative_name() -> None:
    text = "Er kritisierte die Europäischen Zentralbank."
    org = m("Europäischen Zentralbank", text, "ORG", lemma="Europäische Zentralbank")
    res = resolve(extraction(text, [org]))
    assert res.entities[0].name == "Europäische Zentralbank"
    assert res.entities[0].aliases == ("Europäischen Zentralbank",)


def test_resolve_type_checks_relations_and_lifts_state_agreements() -> None:
    text = "Präsident Tom Kerr aus Polen will einen Deal mit der Ukraine und besucht Warschau."
    ms = [
        m("Präsident", text, kind="title", lemma="Präsident", affiliation="Polen"),
        m("Tom Kerr", text, title="Präsident", affiliation="Polen"),
        m("Polen", text, "LOC"),
        m("Ukraine", text, "LOC"),
        m("Warschau", text, "LOC"),
    ]
    rels = [
        Relation(ms[1], "agreementWith", ms[3], 0, 60, rule="noun.mit"),
        Relation(ms[1], "attends", ms[4], 0, 80, rule="verb.at-event"),
    ]
    res = resolve(extraction(text, ms, rels))
    got = [(r["subject"], r["predicate"], r["object"]) for r in res.to_json()["relations"]]
    assert got == [("polen", "agreementWith", "ukraine")]


def test_resolve_never_fails_on_odd_mentions() -> None:
    """Any set of well-formed mentions resolves, and every entity id is used."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(["Berg", "Anna Berg", "USA", "russischen", "er", "Präsident", " ", "X"])
    kinds = st.sampled_from(["name", "pronoun", "title", "adjective", "role"])
    labels = st.sampled_from(["PER", "LOC", "ORG", "MISC", "NORP", "PRON", "EVENT", "GPE"])

    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(st.lists(st.tuples(words, kinds, labels), max_size=12))
    def check(items: list[tuple[str, str, str]]) -> None:
        text = " ".join(w for w, _k, _l in items)
        ms, pos = [], 0
        for w, k, lab in items:
            ms.append(Mention(pos, pos + len(w), w, lab, kind=k, sent=0))  # type: ignore[arg-type]
            pos += len(w) + 1
        res = resolve(extraction(text, ms))
        ids = {e.id for e in res.entities}
        assert set(res.entity_of.values()) <= ids
        res.to_json()

    check()


def test_resolve_blank_mention_names_nothing() -> None:
    """Found by the property test: a blank event name must not break role-noun lookup."""
    text = "  Konferenz"
    ms = [
        Mention(0, 1, " ", "EVENT", kind="name", sent=0),
        Mention(2, 11, "Konferenz", "EVENT", kind="role", sent=0),
    ]
    assert resolve(extraction(text, ms)).entities == ()


# ------------------------------------------------------------------ identity across languages


@pytest.mark.parametrize(
    "surface, lang, name, key",
    [
        ("der Vereinten Nationen", "de", "Vereinte Nationen", "org_un"),
        ("UNO", "de", "Vereinte Nationen", "org_un"),
        ("United Nations", "en", "United Nations", "org_un"),
        ("EU", "en", "European Union", "org_eu"),
        ("Europäischen Union", "de", "Europäische Union", "org_eu"),
        ("des Weißen Hauses", "de", "Weißes Haus", "org_wh"),
    ],
)
def test_resolve_international_organisation_forms(
    surface: str, lang: str, name: str, key: str
) -> None:
    org = organization_of(surface, lang)
    assert org is not None and (org.name, org.key) == (name, key)


@pytest.mark.parametrize("surface", ["Vereinte", "Union", "Nationen", "Weiß"])
def test_resolve_not_international_organisations(surface: str) -> None:
    assert organization_of(surface, "de") is None


def test_resolve_country_and_organisation_keys_are_language_independent() -> None:
    de_text = "Die USA und die Vereinten Nationen berieten."
    en_text = "The United States and the United Nations met."
    de = resolve(
        extraction(
            de_text,
            [
                m("USA", de_text, "LOC"),
                m("Vereinten Nationen", de_text, "ORG", lemma="Vereinte Nationen"),
            ],
        )
    )
    en = resolve(
        extraction(
            en_text,
            [m("United States", en_text, "GPE"), m("United Nations", en_text, "ORG")],
            lang="en",
        )
    )
    assert {e.key for e in de.entities} == {e.key for e in en.entities} == {"country_us", "org_un"}
    assert {e.name for e in de.entities} == {"USA", "Vereinte Nationen"}
    labels = {e.key: dict(e.labels) for e in en.entities}
    assert labels["country_us"] == {"de": "USA", "en": "United States"}
    assert labels["org_un"]["de"] == "Vereinte Nationen"


def test_resolve_prefix_of_a_table_organisation_is_an_entity() -> None:
    text = "Der UN-Sondergesandte kam."
    res = resolve(extraction(text, [m("UN", text, "MISC", kind="adjective")]))
    assert [(e.name, e.type, e.key) for e in res.entities] == [
        ("Vereinte Nationen", "Organization", "org_un")
    ]


def test_resolve_acronym_in_parentheses_joins_the_name_before_it() -> None:
    text = "Helfer des Technischen Hilfswerks (THW) flogen. Das THW half."
    ms = [
        m("Technischen Hilfswerks", text, "ORG", lemma="Technisches Hilfswerk"),
        m("THW", text, "ORG"),
        m("THW", text, "ORG", nth=1),
    ]
    res = resolve(extraction(text, ms))
    assert [(e.name, e.aliases) for e in res.entities] == [
        ("Technisches Hilfswerk", ("THW", "Technischen Hilfswerks"))
    ]


def test_resolve_every_entity_type_names_its_rule() -> None:
    text = "Die USA und die UN. Berg kam. Präsident Berg sprach."
    ms = [
        m("USA", text, "LOC", rule="ner"),
        m("UN", text, "ORG", rule="acronym"),
        m("Berg", text, "LOC", rule="ner"),
        m("Berg", text, "PER", nth=1, rule="title.person", title="Präsident"),
    ]
    res = resolve(extraction(text, ms))
    rules = {e.name: (e.type, e.type_rule) for e in res.entities}
    assert rules == {
        "USA": ("Country", "country.table"),
        "Vereinte Nationen": ("Organization", "org.table"),
        # NER called the first "Berg" a place; the title names a person, and the type says why
        "Berg": ("Person", "mention.title.person"),
    }
    assert all(item["type_rule"] for item in res.to_json()["entities"])


@pytest.mark.parametrize(
    "first, second, merged",
    [
        ("G-20-Gipfel in Pittsburgh", "Treffen in Pittsburgh", True),  # same place
        ("ASEM-Treffen", "ASEM-Gipfel", True),  # same prefix
        ("Bundestagswahl 2005", "Bundestagswahl 2002", False),  # two dates
        ("Gipfel in Genf", "Gipfel in Rom", False),
    ],
)
def test_resolve_event_names_of_one_event_join(first: str, second: str, merged: bool) -> None:
    text = f"{first} war groß. Das {second} war klein."
    ms = [
        m(first, text, "EVENT", rule="event.placed"),
        m(second, text, "EVENT", rule="event.placed"),
    ]
    res = resolve(extraction(text, ms))
    assert len(res.entities) == (1 if merged else 2)


@pytest.mark.parametrize(
    "placed, named, merged",
    [
        ("Parlamentswahl in Georgien", "georgische Parlamentswahl", True),
        (
            "Unabhängigkeitsreferendum in Montenegro",
            "katalanische Unabhängigkeitsreferendum",
            False,
        ),
    ],
)
def test_resolve_event_by_place_adjective_joins_only_its_place(
    placed: str, named: str, merged: bool
) -> None:
    text = f"{placed} kam. Die {named} kam."
    ms = [
        m(placed, text, "EVENT", rule="event.placed"),
        m(named, text, "EVENT", rule="event.adjective"),
    ]
    assert len(resolve(extraction(text, ms)).entities) == (1 if merged else 2)


@pytest.mark.parametrize("label, kept", [("LOC", False), ("ORG", True)])
def test_resolve_a_place_attends_no_event(label: str, kept: bool) -> None:
    # "Cleveland trifft in den Finals auf …": a city takes part in nothing; a team does
    text = "Cleveland erreichte die Rio-Finals."
    ms = [m("Cleveland", text, label), m("Rio-Finals", text, "EVENT")]
    rels = [Relation(ms[0], "attends", ms[1], 0, len(text), rule="encounter.in-event")]
    res = resolve(extraction(text, ms, rels))
    assert bool(res.extraction.relations) is kept


_MASC = "Gender=Masc|Number=Sing"


@pytest.mark.parametrize(
    "text, expected",
    [
        # recency gives "ihn" to Lierow; as the object of Lierow's own verb it is the other man
        ("Arnold blieb arbeitslos.\nLierow half, er unterstützte ihn.", [("lierow", "arnold")]),
        # no other man: the relation names no one else and is dropped
        ("Anna Berg sagte, sie sei arbeitslos.\nLierow half, er unterstützte ihn.", []),
    ],
)
def test_resolve_object_pronoun_is_not_its_subject(
    text: str, expected: list[tuple[str, str]]
) -> None:
    first = text.split("\n")[0].split(" blieb")[0].split(" sagte")[0]
    ms = [m(first, text, dep="nsubj"), m("Lierow", text, dep="nsubj")]
    if "sie" in text:
        ms.append(m("sie", text, "PRON", kind="pronoun", morph="Gender=Fem|Number=Sing"))
    at = text.index(", er ") + 2
    er = Mention(at, at + 2, "er", "PRON", kind="pronoun", sent=1, morph=_MASC, dep="nsubj")
    ihn = m("ihn", text, "PRON", kind="pronoun", morph=_MASC, dep="obj")
    rel = Relation(er, "supports", ihn, 0, len(text), rule="verb.unterstützen")
    res = resolve(extraction(text, [*ms, er, ihn], [rel]))
    assert [(r["subject"], r["object"]) for r in res.to_json()["relations"]] == expected


def test_resolve_party_forms_are_one_party() -> None:
    text = "Die LINKEN stimmten zu. Auch die Linkspartei lobte die Grünen."
    ms = [m("LINKEN", text, "ORG"), m("Linkspartei", text, "ORG"), m("Grünen", text, "ORG")]
    res = resolve(extraction(text, ms))
    assert sorted((e.name, e.aliases) for e in res.entities) == [
        ("Bündnis 90/Die Grünen", ("Grünen",)),
        ("Die Linke", ("LINKEN", "Linkspartei")),
    ]


@pytest.mark.parametrize(
    "names, expected",
    [
        # a sports report names a team by its city: one entity
        (
            [("Cleveland Cavaliers", "ORG", "ner"), ("Cleveland", "LOC", "ner")],
            [("Cleveland Cavaliers", "Organization", ("Cleveland",))],
        ),
        # a name built around a head noun is no team of that place
        (
            [("New York Times", "ORG", "head_noun"), ("New York", "LOC", "ner")],
            [("New York Times", "Organization", ()), ("New York", "Location", ())],
        ),
        # two organisations starting with the place: neither is known to be meant
        (
            [("Utah Jazz", "ORG", "ner"), ("Utah Stars", "ORG", "ner"), ("Utah", "LOC", "ner")],
            [
                ("Utah Jazz", "Organization", ()),
                ("Utah Stars", "Organization", ()),
                ("Utah", "Location", ()),
            ],
        ),
    ],
)
def test_resolve_place_named_team_joins_the_team(names, expected) -> None:  # type: ignore[no-untyped-def]
    text = " und ".join(n for n, _, _ in names) + " spielten."
    ms = [m(n, text, label, rule=rule) for n, label, rule in names]
    res = resolve(extraction(text, ms))
    assert sorted((e.name, e.type, e.aliases) for e in res.entities) == sorted(expected)


@pytest.mark.parametrize(
    "second_rule, expected",
    [
        ("head_noun", "Event"),  # an event head noun outweighs NER's label
        ("ner", "Organization"),  # NER against NER: the first label stays
    ],
)
def test_resolve_head_noun_decides_the_type_over_ner(second_rule, expected) -> None:  # type: ignore[no-untyped-def]
    text = "Zu den Olympischen Spielen reisten viele. Die Olympischen Spiele begannen."
    ms = [
        m("Olympischen Spielen", text, "ORG", lemma="Olympische Spiele", rule="ner"),
        m("Olympischen Spiele", text, "EVENT", lemma="Olympische Spiele", rule=second_rule),
    ]
    res = resolve(extraction(text, ms))
    assert [(e.name, e.type) for e in res.entities] == [("Olympische Spiele", expected)]


def test_resolve_party_named_by_a_compound_prefix_is_an_entity() -> None:
    text = "CSU-Chef Edmund Stoiber sprach."
    res = resolve(extraction(text, [m("CSU", text, "MISC", kind="adjective")]))
    assert [(e.name, e.type, e.key) for e in res.entities] == [("CSU", "Organization", "org_csu")]
