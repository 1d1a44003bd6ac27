"""Odoo's server for ``make loadtest`` (``odoo_server.py <odoo options>``).

Odoo of several workers starts its websocket process as ``sys.executable
sys.argv[0] gevent ...``: this script is that ``sys.argv[0]``. The scenarios
call JSON-RPC only and open no websocket, so the websocket process here
waits without serving (it needs gevent's monkey patching, which is no part of
what the load test measures).
"""

import signal
import sys
import time

if len(sys.argv) > 1 and sys.argv[1] == "gevent":
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    while True:
        time.sleep(3600)

from odoo.cli.command import main

main()
