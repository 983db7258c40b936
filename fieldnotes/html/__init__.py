"""What a page shows beyond its text, and how it is written as HTML: the article's header and
byline, series and navigation, metadata for machines, design and category colours, diagrams,
code assets where they are used, the 404 page, typography, and the markup fixes of the HTML
writer."""
