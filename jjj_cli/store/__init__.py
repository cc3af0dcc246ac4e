"""The compiled catalogue: a validated catalogue written into an indexed SQLite database, so that
a filtered question costs time that depends on its answer, not on the whole catalogue.

What is where (this file holds no code: import from the module itself):

- `fulltext`: the full-text index of the items, as `jjj search` and the export use it.
"""
