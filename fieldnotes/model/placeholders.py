"""The scaffold's placeholder text: written into a new draft, refused in a published article."""

SUMMARY = "One or two sentences that appear on the card."
OPENING = ("Open with the problem: what broke, or what had to be decided, and why it mattered.")
SECTIONS = ("Context", "What we tried", "What worked", "Takeaways")
SKELETON = OPENING + "\n\n" + "".join(f"## {name}\n\n" for name in SECTIONS)[:-1]
