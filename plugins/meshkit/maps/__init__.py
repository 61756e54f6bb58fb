"""Knowledge maps: the graph of how guides build on each other (see `graph`)."""
