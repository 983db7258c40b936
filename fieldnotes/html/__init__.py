"""What the HTML pages show beyond Sphinx's and furo's own: helpers for the page templates."""
