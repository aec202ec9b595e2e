"""Post pages, one module per kind plus shared actions and lists."""
