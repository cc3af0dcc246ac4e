"""The compiled catalogue: a validated catalogue written into an indexed SQLite database, so that
a filtered question costs time that depends on its answer, not on the whole catalogue.

What is where (this file holds no code: import from the module itself):

- `schema`: the tables, those of `export --format sqlite` and jjj's own (`jjj_…`).
- `build`: the one builder, of the compiled catalogue and of the export's tables.
- `compiled`: `Compiled`, an open compiled catalogue, answering query.py's questions in SQL.
- `loaded`: `Loaded`, a catalogue as the loader gave it, answering the same questions with
  query.py, for a run that has no compiled catalogue to open (cache.py says when).
- `fulltext`: the full-text index of the items, as `jjj search` and the export use it.
- `searchable`: the export's second full-text index, the one Datasette's search box finds.
- `datasette_metadata`: Datasette's metadata.json for an export (`export --metadata`).

`build` writes what the renderers define: the JSON records (render/records.py: the export's
columns, `list --json`'s text, as render/stream.py prints it) and CSV cells (render/export.py),
so that the stored text is the printed text. No renderer imports the store: the export's
SQLite database is the compiled catalogue's tables, copied (`Compiled.export_sqlite`).
"""
