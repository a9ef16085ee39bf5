"""Whether the content loader is running, in a module of its own so that signal handlers can ask without
importing the loader and its content schemas into every web worker."""

from contextvars import ContextVar

# True while `load_all` runs: what follows each published page may wait for the end of the load instead.
content_loading = ContextVar("content_loading", default=False)
