"""Rendering results for people: terminal text (and, later, HTML)."""
