"""One screen a file; the app switches between them as modes."""
