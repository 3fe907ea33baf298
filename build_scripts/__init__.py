"""Build-time Python for the site: Markdown extensions, the Pyodide runtime builder and the MkDocs plugin."""
