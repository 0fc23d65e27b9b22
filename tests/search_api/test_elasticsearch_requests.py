"""The exact requests the Elasticsearch adapter sends to create its index, write and page
deeply, compared with JSON kept here (the search request: test_elasticsearch_search_request).

A change to the mapping or to a request shows in review as a change to this file. The
requests are recorded on the wire (a transport node that keeps each request) while the
adapter runs against osmem-server, so what is compared is what a cluster receives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from search_api.elasticsearch.index import ElasticsearchSearchIndex
from search_api.port import SearchQuery
from tests.search_api.corpus import CORPUS, ORG, TODAY
from tests.search_api.elasticsearch_servers import Engine
from tests.search_api.wire_recorder import Recorder


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def index(osmem_es_url: str, recorder: Recorder) -> Iterator[ElasticsearchSearchIndex]:
    adapter = recorder.adapter(osmem_es_url, max_offset=4)  # 4 stands for 10,000
    yield adapter
    adapter.close()



EXPECTED_CREATE_INDEX = json.loads(
    r"""
{
  "settings": {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "highlight": {"max_analyzed_offset": 2000001},
    "analysis": {
      "filter": {
        "avtale_long": {"type": "length", "max": 40},
        "avtale_norwegian_stop": {"type": "stop", "stopwords": "_norwegian_"},
        "avtale_norwegian_stemmer": {"type": "stemmer", "language": "norwegian"}
      },
      "analyzer": {
        "avtale_folded": {
          "type": "custom",
          "tokenizer": "standard",
          "filter": ["avtale_long", "lowercase", "asciifolding"]
        },
        "avtale_norwegian": {
          "type": "custom",
          "tokenizer": "standard",
          "filter": [
            "avtale_long",
            "lowercase",
            "avtale_norwegian_stop",
            "avtale_norwegian_stemmer"
          ]
        }
      }
    }
  },
  "mappings": {
    "dynamic": "strict",
    "_meta": {"avtale_mapping_version": 3},
    "properties": {
      "contract_id": {"type": "long"},
      "title": {
        "type": "text",
        "analyzer": "avtale_folded",
        "fields": {
          "en": {"type": "text", "analyzer": "english"},
          "nb": {"type": "text", "analyzer": "avtale_norwegian"}
        }
      },
      "parties": {
        "type": "text",
        "analyzer": "avtale_folded",
        "fields": {
          "en": {"type": "text", "analyzer": "english"},
          "nb": {"type": "text", "analyzer": "avtale_norwegian"}
        }
      },
      "body": {
        "type": "text",
        "analyzer": "avtale_folded",
        "fields": {
          "en": {"type": "text", "analyzer": "english"},
          "nb": {"type": "text", "analyzer": "avtale_norwegian"}
        }
      },
      "supplier": {
        "type": "keyword",
        "fields": {"text": {"type": "text", "analyzer": "avtale_folded"}}
      },
      "category": {
        "type": "keyword",
        "fields": {"text": {"type": "text", "analyzer": "avtale_folded"}}
      },
      "governing_law": {"type": "text", "analyzer": "avtale_folded"},
      "status": {"type": "keyword"},
      "principals": {"type": "keyword"},
      "fingerprint": {"type": "keyword"},
      "archived": {"type": "boolean"},
      "perpetual": {"type": "boolean"},
      "end_date": {"type": "date", "format": "strict_date"},
      "effective_end": {"type": "date", "format": "strict_date"},
      "next_renewal_date": {"type": "date", "format": "strict_date"},
      "notice_deadline": {"type": "date", "format": "strict_date"},
      "value": {"type": "double"},
      "currency": {"type": "keyword"},
      "spend": {
        "type": "object",
        "properties": {
          "total": {"type": "double"},
          "last_12_months": {"type": "double"},
          "trend": {"type": "double"},
          "currency": {"type": "keyword"},
          "lines": {"type": "long"},
          "last_spend_date": {"type": "date", "format": "strict_date"}
        }
      },
      "supplier_risk": {"type": "keyword"},
      "evaluation_score": {"type": "double"},
      "display": {"type": "object", "enabled": false}
    }
  }
}
"""
)


def test_create_index_and_alias(index: ElasticsearchSearchIndex, recorder: Recorder) -> None:
    index.upsert(CORPUS[:1])
    (create,) = recorder.matching("PUT", r"/avtale-contracts-v3-\d{20}")
    assert create.body == EXPECTED_CREATE_INDEX
    (aliases,) = recorder.matching("POST", r"/_aliases")
    assert aliases.body == {
        "actions": [{"add": {"index": create.path[1:], "alias": "avtale-contracts"}}]
    }


def test_bulk_index_request(index: ElasticsearchSearchIndex, recorder: Recorder) -> None:
    index.upsert([CORPUS[0], CORPUS[5]])
    (bulk,) = recorder.matching("PUT", r"/_bulk\?refresh=wait_for")
    assert bulk.body[0] == {"index": {"_id": "1", "_index": "avtale-contracts"}}
    assert bulk.body[1] == {
        "contract_id": 1,
        "title": "Master Services Agreement",
        "parties": ["Acme Consulting AS", "Oslo kommune"],
        "body": CORPUS[0].body,
        "supplier": "Acme Consulting AS",
        "category": "IT services",
        "status": "expiring",
        "principals": ["org"],
        "fingerprint": CORPUS[0].fingerprint(),
        "archived": False,
        "perpetual": False,
        "end_date": "2025-06-21",
        "effective_end": "2025-06-21",
        "notice_deadline": "2025-06-06",
        "value": 500000.0,
        "currency": "NOK",
        "supplier_risk": "unknown",
        "display": {"body_start": CORPUS[0].body, "body_end": CORPUS[0].body},
    }
    # Perpetual: shown with its stated end, but it never ends (no effective end).
    assert bulk.body[3]["end_date"] == "2025-02-21"
    assert "effective_end" not in bulk.body[3]


def test_deep_page_steps_over_earlier_hits_with_search_after(
    index: ElasticsearchSearchIndex, recorder: Recorder
) -> None:
    # max_offset=4 stands for Elasticsearch's 10,000-hit window.
    index.upsert(CORPUS)
    result = index.search(SearchQuery(sort="value", page=3, page_size=2, today=TODAY), ORG)
    assert [hit.contract_id for hit in result.hits] == [4]
    step, last = recorder.matching("POST", r"/avtale-contracts/_search")
    assert step.body == {
        "query": {"bool": {"filter": [
            {"terms": {"principals": ["org", "user:1"]}},
            {"term": {"archived": False}},
        ]}},
        "sort": [
            {"value": {"order": "asc", "missing": "_last"}},
            {"contract_id": {"order": "asc"}},
        ],
        "size": 4,
        "track_total_hits": False,
        "_source": False,
    }
    # Contract 1 (value 500,000) is the fourth hit: the last page starts after it.
    assert last.body["search_after"] == [500000.0, 1]
    assert "from" not in last.body
    assert last.body["size"] == 2
    assert set(last.body["aggs"]) == {
        "supplier", "category", "status", "end_date", "supplier_risk",
    }


@pytest.mark.parametrize("sort", ["value", "-end_date", "relevance"])
def test_every_page_is_the_same_with_and_without_search_after(
    engine: Engine, sort: str
) -> None:
    if sort == "relevance" and engine.name == "osmem":
        pytest.skip(
            "osmem-server repeats the last hit when search_after carries a _score (it "
            "compares the rounded score); Elasticsearch continues after it"
        )
    deep, shallow = engine.index(max_offset=4), engine.index()
    deep.upsert(CORPUS)
    for page in (1, 2, 3, 4):
        query = SearchQuery(text="fees OR price", sort=sort, page=page, page_size=2,
                            today=TODAY)
        found, expected = deep.search(query, ORG), shallow.search(query, ORG)
        assert [h.contract_id for h in found.hits] == [h.contract_id for h in expected.hits]
        assert found.total == expected.total == 4
        assert found.facets == expected.facets
