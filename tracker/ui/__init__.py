"""The Textual interface: the app, its screens and widgets (the only layer importing textual)."""
