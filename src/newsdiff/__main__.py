"""``python -m newsdiff``: the command line."""

import sys

from newsdiff.cli import main

sys.exit(main())
