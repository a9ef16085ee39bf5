import os

# The live-engine test needs a server; it is collected only when one is named.
collect_ignore = (
    [] if os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL") else ["test_engine_live.py"]
)
