"""Errors the runtime builder raises: each one says what is wrong and what to run."""

from __future__ import annotations


class RuntimeBuildError(Exception):
    """The Pyodide runtime could not be built; the message says why and what to do."""


class IntegrityError(RuntimeBuildError):
    """A Pyodide file does not match the integrity pinned in ``package-lock.json``."""
