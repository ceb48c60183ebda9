"""Render jinja2 templates to HTML and PDF (letters, purchase orders, deviation notices)."""
