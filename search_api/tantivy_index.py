"""Old import path: the adapter moved to `search_api.tantivy`; kept for existing callers."""

from search_api.tantivy.index import *  # noqa: F403
