"""Files written besides the pages: feeds, sitemap, JSON-LD, headers, e-book, search, cards."""
