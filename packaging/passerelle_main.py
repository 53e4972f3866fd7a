"""PyInstaller entry point: the `passerelle` command, exactly as the console script runs it."""

import multiprocessing
import sys

from appliance.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
