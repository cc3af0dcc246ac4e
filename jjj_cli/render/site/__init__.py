"""The static web catalogue `jjj site` writes: its pages (pages.py, on the markup of
markup.py), the data its index filters in the browser (data.py), and its style and script
(site.css, site.js), package files copied as they are."""
