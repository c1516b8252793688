"""``python -m real_estate_async.sandbox serve [--records N] [--port-base P]``."""

from __future__ import annotations

import sys

from .serve import main

if __name__ == "__main__":
    sys.exit(main())
