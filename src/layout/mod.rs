//! Layout: wrapping an article to a width, shared by `tenor render` and the reader. Pure.
