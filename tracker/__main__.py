"""`python -m tracker` runs the painmood console script."""

from .cli import main

if __name__ == "__main__":
    main()
