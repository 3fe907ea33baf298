"""`make bench`: speed measurements of the site against bare Pyodide (see run.py)."""
