"""Shared test set-up: this folder is on ``sys.path`` (pytest inserts a conftest's folder),
so that test modules in subfolders can import ``reference``, ``shared_data`` and the
hypothesis strategies."""
