"""Endpoints for spaces, tags and posts (filled by the content issue)."""
