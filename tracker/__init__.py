"""painmood: a private terminal diary of back pain and mood (import package)."""

__version__ = "0.1.0"
