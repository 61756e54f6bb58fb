"""Guides: reading, checking and modelling contributed research summaries."""
