#!/usr/bin/env python3
"""A fault-injecting OpenAI-compatible server for the teacher tests. Loopback only.

Usage: fault_server.py --log FILE [--port 0] [--stall-seconds 3] [--upstream URL]

Prints "PORT <n>" on its first stdout line once it listens on 127.0.0.1.

Answers POST .../chat/completions and .../completions. The answer is deterministic: every run of
capitalised words in the passage (the text after "Passage: " in the last user message, or after "Text: "
in a completions prompt) is a mention of type "thing"; completions answer a JSON list of those words.

Faults are chosen by markers in the passage, applied on the first N attempts of the same request body
(marker "[[fault:KIND]]" means N=1, "[[fault:KINDxN]]" the first N attempts):
  429        HTTP 429 with Retry-After: 1
  401        HTTP 401 (a rejected API key)
  echo       HTTP 401 whose message echoes the Authorization header, with a terminal escape and a NUL
  500        HTTP 500
  stall      sleeps --stall-seconds before answering (past the client's timeout)
  malformed  HTTP 200 with a truncated JSON body
  prose      a valid response whose content is prose, not a list (every attempt: deterministic teacher)
  slow       sleeps 0.3 s before answering (every attempt)
  length     the list is cut off after the first pair, finish_reason "length" (every attempt)
  extras     adds mentions a filter must drop: one not in the passage, one of type "misc", one non-English
Every request is logged as one JSON line to --log: {"t", "path", "attempt", "fault", "body"}.

With --upstream URL the server is a logging proxy: it forwards every request to URL + path unchanged,
logs it, and returns the upstream's answer (used to check what the client sends to a real server).
"""
import argparse
import hashlib
import json
import os
import signal
import re
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MARKER = re.compile(r"\[\[fault:([a-z0-9]+?)(?:x(\d+))?\]\]")
CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def mentions_of(passage):
    clean = MARKER.sub(" ", passage)
    seen, result = set(), []
    for match in CAPITALISED.findall(clean):
        if match not in seen:
            seen.add(match)
            result.append(match)
    return result


class State:
    def __init__(self, log_path, stall_seconds, upstream):
        self.lock = threading.Lock()
        self.attempts = {}
        self.log = open(log_path, "a", buffering=1)
        self.stall_seconds = stall_seconds
        self.upstream = upstream

    def next_attempt(self, key):
        with self.lock:
            self.attempts[key] = self.attempts.get(key, 0) + 1
            return self.attempts[key]

    def record(self, entry):
        with self.lock:
            self.log.write(json.dumps(entry) + "\n")
            self.log.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        self.send(200, {"object": "list", "data": [{"id": "fault-model", "object": "model"}]})

    def do_POST(self):
        state = self.server.state
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if state.upstream:
            return self.proxy(raw)
        try:
            body = json.loads(raw)
        except ValueError:
            return self.send(400, {"error": {"message": "request body is not JSON"}})
        chat = self.path.endswith("/chat/completions")
        if chat:
            users = [m["content"] for m in body.get("messages", []) if m.get("role") == "user"]
            text = users[-1] if users else ""
            passage = text.split("Passage: ", 1)[1] if "Passage: " in text else text
        else:
            prompt = body.get("prompt", "")
            passage = prompt.split("Text: ", 1)[1].split(" ASSISTANT:", 1)[0] if "Text: " in prompt else prompt
        key = hashlib.sha256(self.path.encode() + raw).hexdigest()
        attempt = state.next_attempt(key)
        fault = None
        for kind, times in MARKER.findall(passage):
            persistent = kind in ("prose", "slow", "extras", "length")
            if persistent or attempt <= int(times or 1):
                fault = fault or kind
        state.record({"t": time.time(), "path": self.path, "attempt": attempt, "fault": fault, "body": body,
                      "authorization": "Authorization" in self.headers, "expect": self.headers.get("Expect"),
                      "bytes": len(raw)})
        if fault == "429":
            return self.send(429, {"error": {"message": "rate limited"}}, [("Retry-After", "1")])
        if fault == "401":
            return self.send(401, {"error": {"message": "invalid api key"}})
        if fault == "echo":
            echoed = self.headers.get("Authorization", "")
            return self.send(401, {"error": {"message": "Incorrect API key provided: " + echoed + " \x1b[31mred\x00"}})
        if fault == "500":
            return self.send(500, {"error": {"message": "internal error"}})
        if fault == "malformed":
            return self.send(200, b'{"choices": [{"message": {"content": "[(\\"Tru')
        if fault == "stall":
            time.sleep(state.stall_seconds)
        if fault == "slow" or "[[fault:slow]]" in passage:
            time.sleep(0.3)
        words = mentions_of(passage)
        if chat:
            if fault == "prose" or "[[fault:prose]]" in passage:
                content = "I am sorry, but I cannot find any entities that I am sure about in this passage."
            else:
                pairs = [(w, "thing") for w in words]
                if "[[fault:extras]]" in passage:
                    pairs += [("Atlantis", "location"), ("Bogus", "misc"), ("東京", "location")]
                content = "[" + ", ".join('("%s", "%s")' % pair for pair in pairs) + "]"
            finish = "stop"
            if fault == "length":
                content, finish = content[:content.index("), (") + 5] + '"Cut', "length"
            choice = {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
        else:
            label = re.search(r"What describes (.*?) in the text\?", body.get("prompt", ""))
            content = " " + json.dumps(words if label else [])
            choice = {"index": 0, "text": content, "finish_reason": "stop"}
        prompt_tokens = len(raw.split())
        self.send(200, {"id": "x", "object": "chat.completion" if chat else "text_completion", "model": body.get("model"),
                        "choices": [choice],
                        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(content.split()),
                                  "total_tokens": prompt_tokens + len(content.split())}})

    def proxy(self, raw):
        state = self.server.state
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw.decode(errors="replace")
        state.record({"t": time.time(), "path": self.path, "attempt": 0, "fault": None, "body": body,
                      "authorization": "Authorization" in self.headers})
        request = urllib.request.Request(state.upstream.rstrip("/") + self.path, data=raw, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                self.send(response.status, response.read())
        except urllib.error.HTTPError as error:
            self.send(error.code, error.read())
        except OSError as error:
            self.send(502, {"error": {"message": "upstream: %s" % error}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", required=True)
    parser.add_argument("--stall-seconds", type=float, default=3.0)
    parser.add_argument("--upstream", default=None, help="proxy to this root (scheme://host:port)")
    parser.add_argument("--parent-pid", type=int, default=0, help="exit when this process is gone")
    args = parser.parse_args()
    # Foundation's Process starts children with most signals blocked; make SIGTERM/SIGINT work again.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    if args.parent_pid:
        def watch():
            while True:
                try:
                    os.kill(args.parent_pid, 0)
                except OSError:
                    os._exit(0)
                time.sleep(0.5)
        threading.Thread(target=watch, daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.state = State(args.log, args.stall_seconds, args.upstream)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
