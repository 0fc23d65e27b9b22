"""What only the Elasticsearch adapter has: versioned indices behind an alias, a mapping
version, many writers, stemming; on osmem-server and on the cluster in AVTALE_TEST_ES_URL."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import pytest

from avtale.runtime import make_search_index
from core.settings import Settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex, SearchIndexMappingError
from search_api.elasticsearch.mapping import ANALYSIS, MAPPINGS
from search_api.port import IndexedContract, SearchQuery
from tests.search_api.corpus import CORPUS, ORG, TODAY
from tests.search_api.elasticsearch_servers import Engine


def titles(index: ElasticsearchSearchIndex, text: str = "") -> list[str]:
    result = index.search(SearchQuery(text=text, today=TODAY, page_size=100), ORG)
    return sorted(hit.title for hit in result.hits)


def aliased(engine: Engine, index: ElasticsearchSearchIndex) -> list[str]:
    return sorted(engine.client().indices.get_alias(name=index.alias).body)


def contract(contract_id: int, title: str, body: str = "") -> IndexedContract:
    return IndexedContract(contract_id=contract_id, title=title, body=body, principals=["org"])


def test_clear_moves_the_alias_to_a_new_index_and_drops_the_old(engine: Engine) -> None:
    index = engine.index()
    index.upsert(CORPUS)
    (before,) = aliased(engine, index)
    index.clear()
    (after,) = aliased(engine, index)
    assert after != before
    assert not engine.client().indices.exists(index=before)
    assert index.count() == 0
    index.upsert(CORPUS[:1])
    assert index.count() == 1


def test_rebuild_serves_the_old_index_until_the_new_one_is_complete(engine: Engine) -> None:
    index, reader = engine.index(), engine.index()
    index.upsert([contract(1, "Old cleaning agreement")])
    seen_during_rebuild: list[list[str]] = []

    def batches() -> Iterator[Sequence[IndexedContract]]:
        yield [contract(1, "New cleaning agreement")]
        seen_during_rebuild.append(titles(reader))
        yield [contract(2, "New hosting agreement")]
        seen_during_rebuild.append(titles(reader))

    assert index.rebuild_from(batches()) == 2
    assert seen_during_rebuild == [["Old cleaning agreement"]] * 2
    assert titles(reader) == ["New cleaning agreement", "New hosting agreement"]
    assert len(aliased(engine, index)) == 1


def test_a_failed_rebuild_leaves_the_old_index_in_place(engine: Engine) -> None:
    index = engine.index()
    index.upsert([contract(1, "Old cleaning agreement")])
    (before,) = aliased(engine, index)

    def batches() -> Iterator[Sequence[IndexedContract]]:
        yield [contract(1, "New cleaning agreement")]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        index.rebuild_from(batches())
    assert aliased(engine, index) == [before]
    assert titles(index) == ["Old cleaning agreement"]
    prefix = engine.settings.elasticsearch_index_prefix
    assert list(engine.client().indices.get(index=f"{prefix}-contracts-*").body) == [before]


def _old_index_behind_alias(engine: Engine) -> tuple[str, str]:
    prefix = engine.settings.elasticsearch_index_prefix
    name, alias = f"{prefix}-contracts-v0-1", f"{prefix}-contracts"
    old_mapping = {**MAPPINGS, "_meta": {"avtale_mapping_version": 0}}
    client = engine.client()
    client.indices.create(index=name, settings={"analysis": ANALYSIS}, mappings=old_mapping)
    client.indices.put_alias(index=name, name=alias)
    return name, alias


def test_an_index_with_another_mapping_version_is_refused(engine: Engine) -> None:
    _old_index_behind_alias(engine)
    with pytest.raises(SearchIndexMappingError, match="mapping version 0"):
        engine.index().count()


def test_an_index_with_another_mapping_version_is_replaced_when_allowed(engine: Engine) -> None:
    old, _ = _old_index_behind_alias(engine)
    index = engine.index(rebuild_on_mapping_change=True)
    assert index.count() == 0  # the runtime then rebuilds from the database
    assert old not in aliased(engine, index)


def test_several_writers_index_at_once(engine: Engine) -> None:
    writers = [engine.index() for _ in range(3)]
    writers[0].ensure_index()
    errors: list[BaseException] = []

    def write(writer: ElasticsearchSearchIndex, start: int) -> None:
        try:
            for n in range(start, start + 10):
                writer.upsert([contract(n, f"Agreement {n}")])
        except BaseException as error:
            errors.append(error)

    threads = [
        threading.Thread(target=write, args=(w, 100 * (i + 1))) for i, w in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert writers[0].count() == 30


# --- stemming: only Elasticsearch stems (tantivy finds inflections with prefix*) ----------

STEMMING = [
    contract(1, "Rammeavtale om renhold", "Avtalen gjelder i to år. Leverandøren skal levere."),
    contract(2, "Avtaler om leie", "Alle avtaler sies opp skriftlig."),
    contract(3, "Software agreements", "The agreements renew yearly."),
    contract(4, "Cleaning", "Nothing inflected here."),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("avtale", {1, 2}),
        ("avtalen", {1, 2}),
        ("avtaler", {1, 2}),
        ("leverandør", {1}),
        ("agreement", {3}),
        ("renewing", {3}),
    ],
)
def test_norwegian_and_english_words_find_their_inflections(
    engine: Engine, text: str, expected: set[int]
) -> None:
    index = engine.index()
    index.upsert(STEMMING)
    result = index.search(SearchQuery(text=text, today=TODAY), ORG)
    assert {hit.contract_id for hit in result.hits} == expected


def test_an_inflection_is_highlighted(engine: Engine) -> None:
    index = engine.index()
    index.upsert(STEMMING)
    result = index.search(SearchQuery(text="leverandør", today=TODAY), ORG)
    (hit,) = result.hits
    (body,) = hit.highlights["body"]
    assert body.endswith("<mark>Leverandøren</mark> skal levere.")


def test_our_norwegian_analyzer_is_the_built_in_one(engine: Engine) -> None:
    if engine.name == "osmem":
        pytest.skip("osmem-server has no built-in `norwegian` analyzer to compare with")
    index = engine.index()
    index.ensure_index()
    text = "Avtalen og avtaler: leverandøren skal levere i henhold til rammeavtalene."
    client = engine.client()
    ours = client.indices.analyze(index=index.alias, analyzer="avtale_norwegian", text=text)
    builtin = client.indices.analyze(analyzer="norwegian", text=text)
    assert [t["token"] for t in ours["tokens"]] == [t["token"] for t in builtin["tokens"]]


def test_runtime_builds_the_elasticsearch_adapter_from_settings() -> None:
    settings = Settings(
        search_backend="elasticsearch",
        elasticsearch_url="http://127.0.0.1:9",  # never contacted: the index opens lazily
        elasticsearch_index_prefix="tenant-a",
        elasticsearch_api_key="c2VjcmV0",
    )
    index = make_search_index(settings)
    assert isinstance(index, ElasticsearchSearchIndex)
    assert index.alias == "tenant-a-contracts"
    index.close()


def test_a_race_of_first_starts_settles_on_the_oldest_index(engine: Engine) -> None:
    winner, loser = engine.index(), engine.index()
    winner.ensure_index()
    (first,) = aliased(engine, winner)
    # The loser created its index while the winner did, and added it to the alias after.
    own = loser._create_index()
    engine.client().indices.update_aliases(actions=[{"add": {"index": own, "alias": loser.alias}}])
    assert aliased(engine, winner) == sorted([first, own])
    assert winner._settle_first_index(first) == [first]  # the winner keeps its index...
    assert loser._settle_first_index(own) == [first]  # ...the loser drops its own
    assert aliased(engine, winner) == [first]
    assert not engine.client().indices.exists(index=own)
    winner.upsert(CORPUS[:1])
    assert loser.count() == 1


def test_processes_upgrading_at_once_keep_the_first_new_index(engine: Engine) -> None:
    old, _ = _old_index_behind_alias(engine)
    first = engine.index(rebuild_on_mapping_change=True)
    second = engine.index(rebuild_on_mapping_change=True)
    first.ensure_index()
    (replacement,) = aliased(engine, first)
    first.upsert(CORPUS[:2])  # the worker refilling it
    # The second process read the alias before the first swapped it.
    second._check_mapping([old])
    assert aliased(engine, second) == [replacement]
    assert second.count() == 2
    prefix = engine.settings.elasticsearch_index_prefix
    assert list(engine.client().indices.get(index=f"{prefix}-contracts-*").body) == [replacement]


def test_a_body_over_a_million_characters_is_searched_and_highlighted(engine: Engine) -> None:
    # Elasticsearch refuses to highlight past index.highlight.max_analyzed_offset (1,000,000
    # by default) and fails the whole search; the index raises it to the body limit.
    filler = "Ordinary clause text without the word. " * 30_000
    index = engine.index()
    index.upsert([contract(1, "Long framework", filler + "Penalty for late delivery applies.")])
    result = index.search(SearchQuery(text="penalty", today=TODAY), ORG)
    assert [hit.contract_id for hit in result.hits] == [1]
    (body,) = result.hits[0].highlights["body"]
    assert "<mark>Penalty</mark>" in body
