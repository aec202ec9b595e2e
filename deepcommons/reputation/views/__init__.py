"""Reputation pages: one module per area (badges, leaderboards, profile, trust)."""
