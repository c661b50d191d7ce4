#!/usr/bin/env python3
"""A teacher program for the `command` annotator tests, speaking the JSON-lines protocol.

Usage: fake_teacher.py MODE
  good     answers every passage: capitalised words as type "thing"; passages containing ERR get
           {"error": ...}; passages containing RAW get a raw teacher answer in "output"
  dies     answers the first passage, then writes to stderr and exits with status 3
  garbage  answers the first passage, then prints a log line to stdout
  wrongid  answers the first passage with another id
  slow     sleeps 30 s on passages containing SLOW, answers the others
  silent   never answers
"""
import json
import re
import sys
import time

mode = sys.argv[1]
for number, line in enumerate(sys.stdin):
    request = json.loads(line)
    text = request["text"]
    assert request["messages"][0]["role"] == "system", "messages are sent"
    if mode == "silent" or (mode == "slow" and "SLOW" in text):
        time.sleep(30)
        continue
    if number == 1 and mode == "dies":
        sys.stderr.write("fake teacher: out of memory\n")
        sys.stderr.flush()
        sys.exit(3)
    if number == 1 and mode == "garbage":
        print("loading model weights...", flush=True)
        continue
    answer = {"id": request["id"] + ("-other" if mode == "wrongid" else "")}
    words = re.findall(r"\b[A-Z][a-z]+\b", text)
    if "ERR" in text:
        answer["error"] = "teacher refused"
    elif "RAW" in text:
        answer["output"] = "Sure: [" + ", ".join('("%s", "thing")' % w for w in words) + "]"
    else:
        answer["mentions"] = [{"text": w, "type": "thing"} for w in words] + [{"text": "Nowhere", "type": "place"}]
    print(json.dumps(answer), flush=True)
