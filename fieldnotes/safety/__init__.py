"""Author content is trusted but confined: no HTML through, no file from outside the project."""
