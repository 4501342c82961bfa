"""Guidance cards (Markdown with a small front-matter header), shipped inside the package."""
