"""A query worker process: ``python -m graphbuild.serve FD`` answers tasks on socket FD.

The server starts these itself (``graphbuild.serve.workers``); they are not meant to be run
by hand.
"""

import sys
from multiprocessing.connection import Connection

from graphbuild.serve.workers import worker_main

worker_main(Connection(int(sys.argv[1])))
