#!/usr/bin/env python3
"""Seeds users: one `add` webhook per contact id of a file, each id exactly once, N at a time.

    seed.py BASE_URL ACCESS_KEY IDS_FILE CONCURRENCY DEADLINE_SECONDS

Prints one line `SEED sent=.. ok=.. created=.. failed=.. seconds=.. rate=..` plus the first
failures. Exits 1 when any webhook failed or the deadline passed. Loopback only.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

base, access_key, ids_file, concurrency, deadline_s = sys.argv[1:6]
url = urllib.parse.urlsplit(base)
if url.hostname != "127.0.0.1":
    sys.exit("seed.py talks to 127.0.0.1 only, not " + str(url.hostname))
ids = [line.strip() for line in open(ids_file) if line.strip()]
path = "/?wpf_action=add&access_key=" + urllib.parse.quote(access_key)
deadline = time.monotonic() + float(deadline_s)
local = threading.local()
lock = threading.Lock()
counts = {"ok": 0, "created": 0, "failed": 0, "skipped": 0}
failures = []


def add(contact_id):
    if time.monotonic() > deadline:
        with lock:
            counts["skipped"] += 1
        return
    try:
        if getattr(local, "conn", None) is None:
            local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        local.conn.request("POST", path, body=json.dumps({"id": contact_id}),
                           headers={"Content-Type": "application/json"})
        response = local.conn.getresponse()
        status, body = response.status, response.read()
        answer = json.loads(body) if body else {}
        ok = 200 <= status < 300 and answer.get("success") is True
        detail = None if ok else "%d %s" % (status, body[:200].decode("utf-8", "replace"))
    except Exception as e:  # connection reset, timeout, bad JSON: a failure, keep going
        local.conn = None
        ok, answer, detail = False, {}, type(e).__name__ + ": " + str(e)
    with lock:
        if ok:
            counts["ok"] += 1
            if answer.get("data", {}).get("created") is True:
                counts["created"] += 1
        else:
            counts["failed"] += 1
            if len(failures) < 5:
                failures.append(detail)


started = time.monotonic()
with ThreadPoolExecutor(max_workers=int(concurrency)) as pool:
    list(pool.map(add, ids))
seconds = time.monotonic() - started
print("SEED sent=%d ok=%d created=%d failed=%d skipped_after_deadline=%d seconds=%.1f rate=%.1f"
      % (len(ids) - counts["skipped"], counts["ok"], counts["created"], counts["failed"], counts["skipped"],
         seconds, counts["ok"] / seconds if seconds else 0))
for failure in failures:
    print("SEED_FAILURE " + failure)
sys.exit(0 if counts["failed"] == 0 and counts["skipped"] == 0 else 1)
