"""The embedded tantivy adapter of the `SearchIndex` port (the default engine)."""

from search_api.tantivy.index import SearchIndexBusyError, TantivySearchIndex

__all__ = ["SearchIndexBusyError", "TantivySearchIndex"]
