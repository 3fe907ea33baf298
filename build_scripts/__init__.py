"""Build-time Python: Markdown extensions, the Pyodide runtime builder, the MkDocs plugin."""
