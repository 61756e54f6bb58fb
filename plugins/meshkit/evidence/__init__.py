"""Evidence frameworks: the axes a site rates guides on, their levels, and how they show."""
