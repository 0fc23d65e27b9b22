"""Old import path: the adapter moved to `search_api.elasticsearch`; kept for existing callers."""

from search_api.elasticsearch.index import *  # noqa: F403
