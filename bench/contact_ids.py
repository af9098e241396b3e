#!/usr/bin/env python3
"""Writes every contact id of the (simulated) Encharge API, one a line, paging /people/all.

    contact_ids.py API_URL API_KEY OUT_FILE [MAX_PAGES]

A short page ends the list; MAX_PAGES (default 1000) bounds the loop. Loopback only.
"""
import json
import sys
import urllib.parse
import urllib.request

api, key, out = sys.argv[1:4]
max_pages = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
if urllib.parse.urlsplit(api).hostname != "127.0.0.1":
    sys.exit("contact_ids.py talks to 127.0.0.1 only")
limit, ids = 100, []
for page in range(max_pages):
    request = urllib.request.Request("%s/people/all?limit=%d&offset=%d" % (api, limit, page * limit),
                                     headers={"X-Encharge-Token": key})
    with urllib.request.urlopen(request, timeout=10) as response:
        people = json.load(response)["people"]
    ids.extend(person["id"] for person in people)
    if len(people) < limit:
        break
else:
    sys.exit("more than %d pages: raise MAX_PAGES" % max_pages)
with open(out, "w") as f:
    f.write("".join(i + "\n" for i in ids))
print("CONTACTS %d" % len(ids))
