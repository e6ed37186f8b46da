"""Benchmark harness: congkhai against plain MkDocs-Material and a Markdown+Jinja floor."""
