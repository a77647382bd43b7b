#!/usr/bin/env python
from danchu.cli import main

if __name__ == "__main__":
    main()
