"""Blueprints: pages, the JSON API and health checks."""
