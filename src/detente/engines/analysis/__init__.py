"""Bargaining-space analysis: acceptability, the zone of agreement, and what blocks a deal."""
