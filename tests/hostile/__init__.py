"""Hostile sites for the fuzzer: the corpus of hostile snippets for every part of the attack
surface (corpus.py), Hypothesis strategies that compose whole sites from it (strategies.py),
and the one checker every generated site goes through (invariants.py)."""
