"""Shared test helpers."""


def assert_queries_do_not_grow(client, url, add_items, django_assert_max_num_queries, few=20, many=200):
    """Renders `url` with `few` and then `many` items (made by `add_items(count)`) in the same number of queries."""
    add_items(few)
    client.get(url)  # warm per-process caches, as a running server has them
    with django_assert_max_num_queries(60) as with_few:
        assert client.get(url).status_code == 200
    add_items(many - few)
    with django_assert_max_num_queries(len(with_few.captured_queries)):
        assert client.get(url).status_code == 200
