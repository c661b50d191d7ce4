#!/usr/bin/env python3
"""A plain concurrent OpenAI-compatible client: the baseline for the `openai` annotator's throughput.

Sends the paper's type prompt (Fig. 1, the same messages the annotator sends with the `type` prompt style)
for every passage, N requests in flight, temperature 0, no cache, no retries, and prints passages/s.
Standard library only.

    scripts/plain_client.py --base-url http://127.0.0.1:PORT/v1 --model smollm2 --concurrency 4 \
        --passages passages.jsonl [--limit 50] [--max-tokens 96] [--api-key-env OPENAI_API_KEY]

`passages.jsonl` holds one {"id": ..., "text": ...} per line; without --passages, 20 built-in passages are used.
Compare with the annotator report's `passages_per_second` and `requests` for the same passages (on an
empty cache).
"""
import argparse
import asyncio
import json
import os
import time
import urllib.error
import urllib.request

SYSTEM = "You are a helpful information extraction system."
INSTRUCTION = ("Given a passage, your task is to extract all entities and identify their entity types. "
               "The output should be in a list of tuples of the following format: "
               "[(\"entity 1\", \"type of entity 1\"), ... ].")

BUILTIN = [
    "Barack Obama was born in Hawaii and served as president of the United States.",
    "Marie Curie won the Nobel Prize in Physics in 1903 together with Pierre Curie.",
    "Apple opened a new office in London in March.",
    "The Amazon river flows through Brazil and Peru.",
]


def messages(text):
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": INSTRUCTION + "\n\nPassage: " + text}]


def post(url, body, headers, timeout):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--passages", help="JSON lines with a 'text' field")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--max-tokens", type=int, default=1024)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--api-key-env", default=None)
    args = parser.parse_args()

    if args.passages:
        with open(args.passages) as handle:
            texts = [json.loads(line)["text"] for line in handle if line.strip()]
    else:
        texts = [f"{text} (variant {i})" for i in range(5) for text in BUILTIN]
    if args.limit:
        texts = texts[:args.limit]

    headers = {"Content-Type": "application/json"}
    if args.api_key_env:
        headers["Authorization"] = "Bearer " + os.environ[args.api_key_env]
    url = args.base_url.rstrip("/") + "/chat/completions"
    semaphore = asyncio.Semaphore(args.concurrency)
    totals = {"ok": 0, "failed": 0, "prompt_tokens": 0, "completion_tokens": 0}

    async def one(text):
        body = {"model": args.model, "messages": messages(text), "temperature": 0, "max_tokens": args.max_tokens}
        async with semaphore:
            try:
                answer = await asyncio.to_thread(post, url, body, headers, args.timeout)
            except (urllib.error.URLError, OSError, ValueError) as error:
                totals["failed"] += 1
                return
        usage = answer.get("usage") or {}
        totals["ok"] += 1
        totals["prompt_tokens"] += usage.get("prompt_tokens", 0)
        totals["completion_tokens"] += usage.get("completion_tokens", 0)

    started = time.monotonic()
    await asyncio.gather(*(one(text) for text in texts))
    seconds = time.monotonic() - started
    print(json.dumps({"passages": len(texts), "requests": len(texts), "succeeded": totals["ok"], "failed": totals["failed"],
                      "concurrency": args.concurrency, "seconds": round(seconds, 3),
                      "passages_per_second": round(totals["ok"] / seconds, 3) if seconds > 0 else None,
                      "prompt_tokens": totals["prompt_tokens"], "completion_tokens": totals["completion_tokens"]}))


if __name__ == "__main__":
    asyncio.run(main())
