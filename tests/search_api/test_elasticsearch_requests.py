"""The exact requests the Elasticsearch adapter sends, compared with JSON kept here.

A change to the mapping or to a query shows in review as a change to this file. The
requests are recorded on the wire (a transport node that keeps each request) while the
adapter runs against osmem-server, so what is compared is what a cluster receives.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from elastic_transport import HttpHeaders
from elastic_transport._node import NodeApiResponse

from core.settings import Settings
from search_api.elasticsearch_client import client_from_settings
from search_api.elasticsearch_index import ElasticsearchSearchIndex
from search_api.port import SearchQuery
from tests.search_api.corpus import CORPUS, ORG, TODAY
from tests.search_api.elasticsearch_servers import Engine, PlainMediaTypeNode


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: Any


class Recorder:
    def __init__(self) -> None:
        self.requests: list[Request] = []

    def node_class(self) -> type[PlainMediaTypeNode]:
        recorder = self

        class RecordingNode(PlainMediaTypeNode):
            def perform_request(
                self,
                method: str,
                target: str,
                body: bytes | None = None,
                headers: HttpHeaders | None = None,
                **kwargs: Any,
            ) -> NodeApiResponse:
                recorder.requests.append(Request(method, target, _decode(body)))
                return super().perform_request(method, target, body, headers, **kwargs)

        return RecordingNode

    def matching(self, method: str, path_pattern: str) -> list[Request]:
        return [
            r for r in self.requests
            if r.method == method and re.fullmatch(path_pattern, r.path)
        ]


def _decode(body: bytes | None) -> Any:
    if not body:
        return None
    text = body.decode()
    lines = [line for line in text.split("\n") if line]
    if len(lines) > 1:  # NDJSON (bulk)
        return [json.loads(line) for line in lines]
    return json.loads(text)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def index(osmem_es_url: str, recorder: Recorder) -> Iterator[ElasticsearchSearchIndex]:
    settings = Settings(elasticsearch_url=osmem_es_url)
    client = client_from_settings(settings, node_class=recorder.node_class())
    adapter = ElasticsearchSearchIndex(client, max_offset=4)  # stands for 10,000
    yield adapter
    adapter.close()


EXPECTED_CREATE_INDEX = json.loads(
    r"""
{
  "settings": {
    "number_of_shards": 1,
    "number_of_replicas": 0,
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
    "_meta": {"avtale_mapping_version": 1},
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
      "supplier": {"type": "keyword"},
      "category": {"type": "keyword"},
      "status": {"type": "keyword"},
      "principals": {"type": "keyword"},
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
          "currency": {"type": "keyword"},
          "lines": {"type": "long"},
          "last_spend_date": {"type": "date", "format": "strict_date"}
        }
      },
      "display": {"type": "object", "enabled": false}
    }
  }
}
"""
)


def test_create_index_and_alias(index: ElasticsearchSearchIndex, recorder: Recorder) -> None:
    index.upsert(CORPUS[:1])
    (create,) = recorder.matching("PUT", r"/avtale-contracts-v1-\d{20}")
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
        "archived": False,
        "perpetual": False,
        "end_date": "2025-06-21",
        "effective_end": "2025-06-21",
        "notice_deadline": "2025-06-06",
        "value": 500000.0,
        "currency": "NOK",
        "display": {"body_start": CORPUS[0].body, "body_end": CORPUS[0].body},
    }
    # Perpetual: shown with its stated end, but it never ends (no effective end).
    assert bulk.body[3]["end_date"] == "2025-02-21"
    assert "effective_end" not in bulk.body[3]


EXPECTED_SEARCH = json.loads(
    r"""
{
  "query": {
    "bool": {
      "filter": [
        {"terms": {"principals": ["org", "user:1"]}},
        {"term": {"archived": false}},
        {"terms": {"contract_id": [1, 3]}},
        {
          "range": {
            "notice_deadline": {
              "format": "strict_date",
              "gte": "2025-06-01",
              "lte": "2025-07-01"
            }
          }
        },
        {"range": {"value": {"gte": 1000.0, "lte": 2000000.0}}}
      ],
      "must": [
        {
          "dis_max": {
            "queries": [
              {"match_phrase": {"title": {"query": "hosting", "boost": 3.0}}},
              {"match_phrase": {"title.en": {"query": "hosting", "boost": 1.5}}},
              {"match_phrase": {"title.nb": {"query": "hosting", "boost": 1.5}}}
            ],
            "tie_breaker": 0.2
          }
        },
        {
          "dis_max": {
            "queries": [
              {"match_phrase": {"body": {"query": "price indexation", "boost": 1.0}}},
              {"match_phrase": {"body.en": {"query": "price indexation", "boost": 0.5}}},
              {"match_phrase": {"body.nb": {"query": "price indexation", "boost": 0.5}}}
            ],
            "tie_breaker": 0.2
          }
        },
        {
          "match_bool_prefix": {
            "parties": {"query": "acm", "operator": "and", "boost": 2.0}
          }
        }
      ],
      "must_not": [
        {
          "dis_max": {
            "queries": [
              {"match_phrase": {"title": {"query": "draft", "boost": 3.0}}},
              {"match_phrase": {"title.en": {"query": "draft", "boost": 1.5}}},
              {"match_phrase": {"title.nb": {"query": "draft", "boost": 1.5}}}
            ],
            "tie_breaker": 0.2
          }
        }
      ]
    }
  },
  "sort": [
    {"value": {"order": "desc", "missing": "_last"}},
    {"contract_id": {"order": "asc"}}
  ],
  "size": 2,
  "track_total_hits": true,
  "_source": {
    "includes": [
      "contract_id",
      "title",
      "parties",
      "supplier",
      "category",
      "status",
      "end_date",
      "next_renewal_date",
      "notice_deadline",
      "value",
      "currency",
      "archived",
      "display"
    ]
  },
  "post_filter": {
    "bool": {
      "filter": [
        {"terms": {"supplier": ["Acme AS"]}},
        {"terms": {"category": ["IT services"]}},
        {"terms": {"status": ["active", "expiring"]}},
        {
          "range": {
            "effective_end": {
              "format": "strict_date",
              "gte": "2025-06-01",
              "lte": "2025-12-31"
            }
          }
        }
      ]
    }
  },
  "from": 2,
  "aggs": {
    "supplier": {
      "filter": {
        "bool": {
          "filter": [
            {"terms": {"category": ["IT services"]}},
            {"terms": {"status": ["active", "expiring"]}},
            {
              "range": {
                "effective_end": {
                  "format": "strict_date",
                  "gte": "2025-06-01",
                  "lte": "2025-12-31"
                }
              }
            }
          ]
        }
      },
      "aggs": {"values": {"terms": {"field": "supplier", "size": 50}}}
    },
    "category": {
      "filter": {
        "bool": {
          "filter": [
            {"terms": {"supplier": ["Acme AS"]}},
            {"terms": {"status": ["active", "expiring"]}},
            {
              "range": {
                "effective_end": {
                  "format": "strict_date",
                  "gte": "2025-06-01",
                  "lte": "2025-12-31"
                }
              }
            }
          ]
        }
      },
      "aggs": {"values": {"terms": {"field": "category", "size": 50}}}
    },
    "status": {
      "filter": {
        "bool": {
          "filter": [
            {"terms": {"supplier": ["Acme AS"]}},
            {"terms": {"category": ["IT services"]}},
            {
              "range": {
                "effective_end": {
                  "format": "strict_date",
                  "gte": "2025-06-01",
                  "lte": "2025-12-31"
                }
              }
            }
          ]
        }
      },
      "aggs": {"values": {"terms": {"field": "status", "size": 4}}}
    },
    "end_date": {
      "filter": {
        "bool": {
          "filter": [
            {"terms": {"supplier": ["Acme AS"]}},
            {"terms": {"category": ["IT services"]}},
            {"terms": {"status": ["active", "expiring"]}}
          ]
        }
      },
      "aggs": {
        "values": {
          "filters": {
            "filters": {
              "expired": {
                "range": {"effective_end": {"format": "strict_date", "lt": "2025-06-01"}}
              },
              "0-30d": {
                "range": {
                  "effective_end": {
                    "format": "strict_date",
                    "gte": "2025-06-01",
                    "lt": "2025-07-02"
                  }
                }
              },
              "31-90d": {
                "range": {
                  "effective_end": {
                    "format": "strict_date",
                    "gte": "2025-07-02",
                    "lt": "2025-08-31"
                  }
                }
              },
              "91-365d": {
                "range": {
                  "effective_end": {
                    "format": "strict_date",
                    "gte": "2025-08-31",
                    "lt": "2026-06-02"
                  }
                }
              },
              "over-1y": {
                "range": {"effective_end": {"format": "strict_date", "gte": "2026-06-02"}}
              },
              "none": {"bool": {"must_not": [{"exists": {"field": "effective_end"}}]}}
            }
          }
        }
      }
    }
  },
  "highlight": {
    "pre_tags": ["\ue000"],
    "post_tags": ["\ue001"],
    "require_field_match": true,
    "highlight_query": {
      "bool": {
        "should": [
          {
            "dis_max": {
              "queries": [
                {"match_phrase": {"title": {"query": "hosting", "boost": 3.0}}},
                {"match_phrase": {"title.en": {"query": "hosting", "boost": 1.5}}},
                {"match_phrase": {"title.nb": {"query": "hosting", "boost": 1.5}}}
              ],
              "tie_breaker": 0.2
            }
          },
          {
            "dis_max": {
              "queries": [
                {"match_phrase": {"body": {"query": "price indexation", "boost": 1.0}}},
                {"match_phrase": {"body.en": {"query": "price indexation", "boost": 0.5}}},
                {"match_phrase": {"body.nb": {"query": "price indexation", "boost": 0.5}}}
              ],
              "tie_breaker": 0.2
            }
          },
          {
            "match_bool_prefix": {
              "parties": {"query": "acm", "operator": "and", "boost": 2.0}
            }
          }
        ],
        "minimum_should_match": 1
      }
    },
    "fields": {
      "title": {"number_of_fragments": 0},
      "title.en": {"number_of_fragments": 0},
      "title.nb": {"number_of_fragments": 0},
      "parties": {"number_of_fragments": 0},
      "parties.en": {"number_of_fragments": 0},
      "parties.nb": {"number_of_fragments": 0},
      "body": {"number_of_fragments": 1, "fragment_size": 200},
      "body.en": {"number_of_fragments": 1, "fragment_size": 200},
      "body.nb": {"number_of_fragments": 1, "fragment_size": 200}
    }
  }
}
"""
)


def test_search_with_every_filter(index: ElasticsearchSearchIndex, recorder: Recorder) -> None:
    index.upsert(CORPUS)
    query = SearchQuery(
        text='title:hosting body:"price indexation" party:acm* -title:draft',
        suppliers=["Acme AS"],
        categories=["IT services"],
        statuses=["active", "expiring"],
        expires_from=dt.date(2025, 6, 1),
        expires_to=dt.date(2025, 12, 31),
        notice_from=dt.date(2025, 6, 1),
        notice_to=dt.date(2025, 7, 1),
        value_min=1000,
        value_max=2_000_000,
        contract_ids=[3, 1],
        sort="-value",
        page=2,
        page_size=2,
        today=TODAY,
    )
    index.search(query, frozenset({"org", "user:1"}))
    (search,) = recorder.matching("POST", r"/avtale-contracts/_search")
    assert search.body == EXPECTED_SEARCH


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
    assert set(last.body["aggs"]) == {"supplier", "category", "status", "end_date"}


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
