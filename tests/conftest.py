"""Shared test set-up. ``tests`` is a package: import helpers as ``tests.reference``,
``tests.shared_data`` and ``tests.strategies``."""
