"""The web app: scenario list, per-scenario views, what-if and upload, over a JSON API."""

from detente.presentation.web.app import create_app

__all__ = ["create_app"]
