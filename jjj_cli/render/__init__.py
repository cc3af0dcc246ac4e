"""Turn query results into output: JSON, TSV for pipes, rich tables for a terminal, exports.

What is where (this file holds no code: import from the module itself):

- `output`: what every renderer shares: `Mode`, `Lang`, `Output`, `to_json`, `tabular`,
  `report_lines`, `title_field`.
- `records`: the JSON contract, a plain dict for every record and view.
- `plain`: TSV for pipes, and text made safe to print.
- `browse`: the browsing commands (list, show, the codebooks, figures, verify).
- `explore`: the exploring commands (matrix, related, compare, search, source, graph).
- `problems`: what is wrong with a catalogue.
- `export`, `xlsx`: the exports (the SQLite one is the compiled catalogue's, `store`).
- `pictures`: the matrix and the network drawn as SVG, with `svg`'s escaped elements.
- On a terminal: `layout` (the table of most commands, one record as fields), `items`,
  `heatmap`, `comparison`, `highlights`, drawn with `cells`, `wrap` and `breaks`.
"""
