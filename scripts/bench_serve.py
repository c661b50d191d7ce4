#!/usr/bin/env python3
"""Load generator for `uniner serve` (called by scripts/bench-serve.sh): loopback only, bounded in requests and time.

For each model: requests/s, sentences/s and p50/p99 latency at each concurrency, one 30-word text and 5 labels per
request; the batched `uniner predict` rate on the same texts; GLiNER beside them when its venv exists, else
PEERS.md's figure, named as such. With --soak: mixed load with 5% malformed bodies, server RSS sampled every 5 s.
"""
import argparse, asyncio, json, os, random, shutil, statistics, subprocess, sys, tempfile, time

LABELS = ["algorithm", "field", "researcher", "organization", "product"]
PEERS_GLINER = "32 sentences/s (PEERS.md: GLiNER, trained model, CrossNER_AI test, 13 labels, batch 8 or 1; not measured here)"


def texts_30_words(benchmark, count):
    """30-word texts cut from CrossNER_AI test sentences, words in reading order."""
    with open(os.path.join(benchmark, "CrossNER_AI", "test.json")) as f:
        words = [w for item in json.load(f) for w in item["sentence"].split()]
    return [" ".join(words[i * 30:(i + 1) * 30]) for i in range(count)]


class Client:
    """One keep-alive HTTP/1.1 connection; a test client, not part of the server."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def post(self, path, body):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        self.writer.write(head.encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        data = await self.reader.readexactly(length)
        return status, data

    def close(self):
        if self.writer:
            self.writer.close()


async def load(port, concurrency, bodies, max_requests, max_seconds):
    """Latencies (s) of well-formed requests and the non-200 count, `concurrency` clients in closed loop."""
    latencies, errors = [], 0
    sent = 0
    deadline = time.monotonic() + max_seconds

    async def worker(k):
        nonlocal sent, errors
        client = Client(port)
        while sent < max_requests and time.monotonic() < deadline:
            body = bodies[sent % len(bodies)]
            sent += 1
            t = time.monotonic()
            status, _ = await client.post("/v1/extract", body)
            latencies.append(time.monotonic() - t)
            errors += status != 200
        client.close()

    start = time.monotonic()
    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    return latencies, errors, time.monotonic() - start


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def start_server(binary, model, threads, extra=()):
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    proc = subprocess.Popen([binary, "serve", "--model", model, "--port", "0", "--threads", str(threads), *extra],
                            stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        sys.exit(f"bench-serve: the server did not start: {line} {open(log.name).read()}")
    return proc, int(line.rsplit(":", 1)[1])


def stop_server(proc):
    proc.terminate()
    return proc.wait(timeout=60)


def predict_rate(binary, model, texts, threads):
    """Batched `uniner predict` sentences/s, the model load taken out (a 1-text run timed apart)."""
    def timed(items):
        t = time.monotonic()
        subprocess.run([binary, "predict", "--model", model, "--types", ",".join(LABELS), "--threads", str(threads)],
                       input="\n".join(items) + "\n", text=True, capture_output=True, check=True)
        return time.monotonic() - t
    one, many = timed(texts[:1]), timed(texts)
    return (len(texts) - 1) / max(1e-9, many - one)


def gliner_rate(texts):
    venv = os.path.expanduser("~/.cache/uniner/gliner-venv")
    model = os.environ.get("GLINER_MODEL", os.path.expanduser("~/.cache/uniner/models/gliner"))
    if not (os.path.exists(os.path.join(venv, "bin", "python")) and os.path.isdir(model)):
        return None, PEERS_GLINER
    code = f"""
import json, sys, time
from gliner import GLiNER
texts = json.load(sys.stdin)
m = GLiNER.from_pretrained({model!r}, local_files_only=True)
m.inference(texts[:8], {LABELS!r}, batch_size=8)
t = time.monotonic(); m.inference(texts, {LABELS!r}, batch_size=8); print(len(texts) / (time.monotonic() - t))
"""
    out = subprocess.run([os.path.join(venv, "bin", "python"), "-c", code], input=json.dumps(texts), text=True,
                         capture_output=True)
    if out.returncode != 0:
        return None, PEERS_GLINER + f" [GLiNER venv failed: {out.stderr.strip().splitlines()[-1:]}]"
    rate = float(out.stdout.strip().splitlines()[-1])
    return rate, f"{rate:.1f} sentences/s (GLiNER in-process batched inference(), batch 8, same texts and labels, measured here)"


def wrk_script(bodies):
    """A wrk Lua script sending the same bodies in turn (long brackets of level 3: no body holds `]===]`)."""
    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lua.write("bodies = {\n" + ",\n".join("[===[" + b.decode() + "]===]" for b in bodies) + "\n}\ncounter = 0\n"
              "request = function()\n  counter = counter + 1\n"
              "  return wrk.format(\"POST\", \"/v1/extract\", {[\"Content-Type\"] = \"application/json\"},"
              " bodies[(counter % #bodies) + 1])\nend\n")
    lua.close()
    return lua.name


def wrk_level(port, concurrency, seconds, lua):
    """(requests, requests/s, p50 ms, p99 ms, non-2xx) of one wrk run: a C load generator, lighter than this
    script's asyncio clients, which take a share of the same 2 cores."""
    out = subprocess.run(["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, int(seconds))}s", "--latency", "-s", lua,
                          f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout

    def ms(text):
        for unit, scale in (("us", 1e-3), ("ms", 1.0), ("s", 1e3)):
            if text.endswith(unit):
                return float(text[:-len(unit)]) * scale
        return float(text)
    field = lambda prefix: next(line.split() for line in out.splitlines() if line.strip().startswith(prefix))
    requests = int(next(line for line in out.splitlines() if "requests in" in line).split()[0])
    non2xx = int(next((l.split()[-1] for l in out.splitlines() if "Non-2xx" in l), "0"))
    return requests, float(field("Requests/sec:")[1]), ms(field("50%")[1]), ms(field("99%")[1]), non2xx


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


MALFORMED = [b"{\"texts\": [\"a\"", b"[1, 2]", b"{\"texts\": [1], \"labels\": [\"x\"]}", b"{\"texts\": [\"a\"], \"labels\": []}",
             b"{\"texts\": \"a\", \"labels\": [\"x\"], \"threshold\": \"high\"}", b"\xff\xfe not utf-8"]


async def soak(port, pid, bodies, seconds, concurrency):
    samples, ok_errors, bad_not_4xx, counts = [], 0, 0, [0, 0]
    deadline = time.monotonic() + seconds
    rng = random.Random(14)

    async def worker(k):
        nonlocal ok_errors, bad_not_4xx
        client = Client(port)
        i = k
        while time.monotonic() < deadline:
            malformed = rng.random() < 0.05
            body = rng.choice(MALFORMED) if malformed else bodies[i % len(bodies)]
            i += concurrency
            status, _ = await client.post("/v1/extract", body)
            counts[malformed] += 1
            if malformed:
                bad_not_4xx += not (400 <= status < 500)
            else:
                ok_errors += status != 200

    async def sampler():
        while time.monotonic() < deadline:
            samples.append(rss_kib(pid))
            await asyncio.sleep(5)

    await asyncio.gather(sampler(), *(worker(k) for k in range(concurrency)))
    return samples, ok_errors, bad_not_4xx, counts


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--model", action="append", required=True, help="NAME=DIR")
    p.add_argument("--benchmark", required=True)
    p.add_argument("--concurrency", default="1,8,32")
    p.add_argument("--requests", type=int, default=400, help="per concurrency level")
    p.add_argument("--seconds", type=float, default=20, help="per concurrency level")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--soak", type=float, default=0)
    args = p.parse_args()
    texts = texts_30_words(args.benchmark, 128)
    bodies = [json.dumps({"texts": [t], "labels": LABELS}).encode() for t in texts]
    levels = [int(c) for c in args.concurrency.split(",")]
    print(f"# uniner serve, {len(texts)} distinct 30-word texts (CrossNER_AI test), labels {LABELS}, "
          f"{os.cpu_count()} cores, threads {args.threads}; one text per request, so requests/s = sentences/s")
    gliner, gliner_note = gliner_rate(texts)
    print(f"GLiNER: {gliner_note}")
    reference = gliner or 32.0
    for spec in args.model:
        name, model = spec.split("=", 1)
        rate = predict_rate(args.bin, model, texts, args.threads)
        print(f"\n## {name} ({model})\nbatched `uniner predict` on the same texts: {rate:.1f} sentences/s (model load excluded)")
        proc, port = start_server(args.bin, model, args.threads)
        asyncio.run(load(port, 4, bodies, 16, 30))  # warm-up
        print("| concurrency | requests | requests/s = sentences/s | p50 ms | p99 ms | non-200 | vs GLiNER |")
        print("|---|---|---|---|---|---|---|")
        for c in levels:
            lat, errors, elapsed = asyncio.run(load(port, c, bodies, args.requests, args.seconds))
            rps = len(lat) / elapsed
            print(f"| {c} | {len(lat)} | {rps:.1f} | {percentile(lat, .5) * 1000:.0f} | {percentile(lat, .99) * 1000:.0f} | "
                  f"{errors} | {rps / reference:.1f}x |", flush=True)
        if shutil.which("wrk"):
            lua = wrk_script(bodies)
            print(f"\nthe same levels from wrk (-t1, {args.seconds:.0f} s each, the same bodies in turn):\n")
            print("| concurrency | requests | requests/s = sentences/s | p50 ms | p99 ms | non-2xx | vs GLiNER |")
            print("|---|---|---|---|---|---|---|")
            for c in levels:
                n, rps, p50, p99, bad = wrk_level(port, c, args.seconds, lua)
                print(f"| {c} | {n} | {rps:.1f} | {p50:.0f} | {p99:.0f} | {bad} | {rps / reference:.1f}x |", flush=True)
            os.unlink(lua)
        if args.soak and name == args.model[0].split("=", 1)[0]:
            samples, ok_errors, bad, counts = asyncio.run(soak(port, proc.pid, bodies, args.soak, 8))
            steady = samples[len(samples) // 5:] or samples  # after the first fifth: allocator warm-up
            lo, hi = min(steady), max(steady)
            print(f"\nsoak {args.soak:.0f} s, concurrency 8, 5% malformed: {counts[0]} well-formed ({ok_errors} not 200), "
                  f"{counts[1]} malformed ({bad} not 4xx); RSS over {len(samples)} samples: min {min(samples) / 1024:.1f} MiB, "
                  f"max {max(samples) / 1024:.1f} MiB; after the first fifth min {lo / 1024:.1f} max {hi / 1024:.1f} MiB "
                  f"(spread {(hi - lo) / lo * 100:.1f}% of min)")
        print(f"server exit after SIGTERM: {stop_server(proc)}")


if __name__ == "__main__":
    main()
