"""Translations: languages, translation files, freshness per paragraph, interface strings."""
