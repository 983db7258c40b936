"""Listings: the directives that draw the catalog, their templates, and the generated pages."""
