"""meshkit's one Markdown engine: markdown-it-py, the renderer, headings, links and blocks."""
