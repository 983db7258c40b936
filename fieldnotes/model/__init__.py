"""The model: front matter -> Article -> Catalog, and the rules over them. No Sphinx here."""
