"""References: reading `bib/*.bib`, finding citations in guides, and APA 7 output."""
