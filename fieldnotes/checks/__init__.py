"""Rules a site sets for its published articles, reported by the build."""
