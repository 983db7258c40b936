"""What each page shows beyond its text: header, navigation, design, diagrams, redirects."""
