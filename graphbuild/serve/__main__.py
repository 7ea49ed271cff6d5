"""A query worker process: ``python -m graphbuild.serve FD PID`` answers tasks on socket FD
for the server with process id PID.

The server starts these itself (``graphbuild.serve.workers``); they are not meant to be run
by hand.
"""

import sys
from multiprocessing.connection import Connection

from graphbuild.serve.workers import worker_main

if __name__ == "__main__":
    worker_main(Connection(int(sys.argv[1])), int(sys.argv[2]))
