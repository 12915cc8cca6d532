#!/usr/bin/env python3
"""The peer for bench/hook: the minimal Python relay a comparable product would install.
It does what Vigil's relays do on the happy path: read the hook event on stdin, POST it with
the same headers, print the answer. Standard library only (urllib), run as `python3 relay.py`."""
import json, os, socket, sys, time, urllib.request, uuid

def main():
    body = sys.stdin.buffer.read()
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    req = urllib.request.Request(
        cfg["server"] + "/v1/hooks/claude-code",
        data=body,
        method="POST",
        headers={
            "content-type": "application/json",
            "authorization": "Bearer " + cfg["token"],
            "x-vigil-event-id": "py-" + uuid.uuid4().hex,
            "x-vigil-time": str(int(time.time() * 1000)),
            "x-vigil-hostname": socket.gethostname(),
            "x-vigil-os": sys.platform,
        },
    )
    with urllib.request.urlopen(req, timeout=cfg.get("timeout_ms", 5000) / 1000) as r:
        out = r.read().decode()
    if out != "{}":
        print(out)

main()
