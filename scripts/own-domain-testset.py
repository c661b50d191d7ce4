#!/usr/bin/env python3
"""Writes the own-domain test set in the three formats Recipes/own-domain.yaml and the tests read.

Input: Recipes/data/own-domain/test/test-marked.txt, one sentence per line with entities marked
[text](LABEL). Output, beside it: test.jsonl (Prodigy/spaCy character offsets), test.json (a Label Studio
export) and test.conll (BIO columns over the words of the project's word splitter: whitespace-separated,
every punctuation character a word). Each of the first two also gets one record a reviewer threw away (a
Prodigy "reject", a Label Studio task without annotation), which the readers must skip.
"""
import json
import pathlib
import re
import unicodedata

FOLDER = pathlib.Path(__file__).resolve().parent.parent / "Recipes/data/own-domain/test"
MARK = re.compile(r"\[([^\]]+)\]\(([A-Z]+)\)")


def parse(line):
    text, spans, last = "", [], 0
    for match in MARK.finditer(line):
        text += line[last:match.start()]
        start = len(text)
        text += match.group(1)
        spans.append({"start": start, "end": len(text), "label": match.group(2)})
        last = match.end()
    return text + line[last:], spans


def punctuation(char):
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def words(text):
    found, start = [], None
    for index, char in enumerate(text + " "):
        if char.isspace() or punctuation(char):
            if start is not None:
                found.append((start, index))
                start = None
            if punctuation(char):
                found.append((index, index + 1))
        elif start is None:
            start = index
    return found


def conll(text, spans):
    lines = []
    for start, end in words(text):
        tag = "O"
        for span in spans:
            if span["start"] == start:
                tag = "B-" + span["label"]
            elif span["start"] < start and end <= span["end"]:
                tag = "I-" + span["label"]
        lines.append(f"{text[start:end]}\t{tag}")
    return "\n".join(lines)


def main():
    lines = [l for l in (FOLDER / "test-marked.txt").read_text().splitlines() if l.strip() and not l.startswith("#")]
    sentences = [parse(line) for line in lines]
    discarded = "Nobody labelled this sentence about a [spoon](TOOL)."
    with open(FOLDER / "test.jsonl", "w") as out:
        for number, (text, spans) in enumerate(sentences):
            out.write(json.dumps({"text": text, "spans": spans, "answer": "accept", "meta": {"source": f"test-marked line {number + 1}"}},
                                 ensure_ascii=False) + "\n")
        text, spans = parse(discarded)
        out.write(json.dumps({"text": text, "spans": spans, "answer": "reject"}, ensure_ascii=False) + "\n")
    tasks = []
    for number, (text, spans) in enumerate(sentences):
        result = [{"id": f"r{number}_{i}", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]], "labels": [s["label"]]}}
                  for i, s in enumerate(spans)]
        tasks.append({"id": number + 1, "data": {"text": text}, "annotations": [{"id": number + 1, "result": result}]})
    text, _ = parse(discarded)
    tasks.append({"id": len(tasks) + 1, "data": {"text": text}, "annotations": []})
    (FOLDER / "test.json").write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    (FOLDER / "test.conll").write_text("\n\n".join(conll(text, spans) for text, spans in sentences) + "\n")


if __name__ == "__main__":
    main()
