"""Shared test helpers."""

# Any public page, rendered without the page cache, with the site's memos warm as a running server has them.
MAX_PUBLIC_PAGE_QUERIES = 15


def assert_queries_do_not_grow(client, url, add_items, django_assert_max_num_queries, few=20, many=200):
    """Renders `url` with `few` and then `many` items (made by `add_items(count)`) in the same number of queries."""
    add_items(few)
    client.get(url)  # warm per-process caches, as a running server has them
    with django_assert_max_num_queries(MAX_PUBLIC_PAGE_QUERIES) as with_few:
        assert client.get(url).status_code == 200
    queries_with_few = len(with_few.captured_queries)  # now: the log of queries keeps only the latest
    add_items(many - few)
    client.get(url)  # adding items starts a new content generation: warm again
    with django_assert_max_num_queries(queries_with_few):
        assert client.get(url).status_code == 200
