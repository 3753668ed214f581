import sys

from sync.backend.cli import main

sys.exit(main())
