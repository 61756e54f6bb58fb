"""The pages of a guide site: each guide's article, home, A-Z, subject and phase indexes."""
