"""Spaces' pages: `spaces` (the space list, new space, About, settings) and
`tags` (the tag list, each tag's About page, wiki, history and synonyms).
A space's and a tag's post lists are served by posts."""
