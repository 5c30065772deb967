"""Extraction: the domain objects rules judge (stories, problem statements, claims)."""
