"""The search request with every filter, facet and highlight, compared with JSON kept here:
a change to a query shows in review as a change to this file (recorded on the wire while
the adapter runs against osmem-server)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from search_api.elasticsearch.index import ElasticsearchSearchIndex
from search_api.port import SearchQuery
from tests.search_api.corpus import CORPUS, TODAY
from tests.search_api.wire_recorder import Recorder


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def index(osmem_es_url: str, recorder: Recorder) -> Iterator[ElasticsearchSearchIndex]:
    adapter = recorder.adapter(osmem_es_url, max_offset=4)
    yield adapter
    adapter.close()


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
        {"range": {"value": {"gte": 1000.0, "lte": 2000000.0}}},
        {"range": {"spend.last_12_months": {"gte": 100000.0}}},
        {"range": {"evaluation_score": {"lte": 3.0}}}
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
      "spend.last_12_months",
      "spend.trend",
      "supplier_risk",
      "evaluation_score",
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
        },
        {"terms": {"supplier_risk": ["high", "medium"]}}
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
            },
            {"terms": {"supplier_risk": ["high", "medium"]}}
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
            },
            {"terms": {"supplier_risk": ["high", "medium"]}}
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
            },
            {"terms": {"supplier_risk": ["high", "medium"]}}
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
            {"terms": {"status": ["active", "expiring"]}},
            {"terms": {"supplier_risk": ["high", "medium"]}}
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
    },
    "supplier_risk": {
      "filter": {
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
      "aggs": {"values": {"terms": {"field": "supplier_risk", "size": 4}}}
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
        risk_levels=["medium", "high"],
        spend_min=100_000,
        score_max=3,
        contract_ids=[3, 1],
        sort="-value",
        page=2,
        page_size=2,
        today=TODAY,
    )
    index.search(query, frozenset({"org", "user:1"}))
    (search,) = recorder.matching("POST", r"/avtale-contracts/_search")
    assert search.body == EXPECTED_SEARCH
