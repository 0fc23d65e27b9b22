"""The Elasticsearch adapter of the `SearchIndex` port (many workers, many machines)."""

from search_api.elasticsearch.client import client_from_settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex

__all__ = ["ElasticsearchSearchIndex", "client_from_settings"]
