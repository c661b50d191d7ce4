#!/usr/bin/env python3
"""Reference numbers for the UniNERMetrics tests, from a transcription of the official UniNER evaluator.

The official metric is `NEREvaluator` in `src/eval/evaluate.py` of github.com/universal-ner/universal-ner
(functions `normalize_answer`, `parser`, `NEREvaluator.evaluate`), applied to model outputs cleaned by `get_response`
of `src/utils.py`. The functions below redo the same steps in the same order (checked against those files); the
model-serving parts (vllm, fire) are left out.

Run from the repository root:
    python3 scripts/reference/official_evaluator.py [BENCHMARK_DIR]
It rewrites Tests/UniNERMetricsTests/OfficialEvaluatorFixture.swift. BENCHMARK_DIR (default: $UNINER_DATA, else
../shared/benchmark next to the checkout's parent) must hold CrossNER_AI/CrossNER_AI.json, the official test file.
"""
import json
import os
import re
import string
import sys

# ---------------------------------------------------------------------------------------------------------------
# The official evaluator, step by step.

def clean_response(text):
    """get_response: the text after the last 'ASSISTANT:', stripped."""
    return text.split('ASSISTANT:')[-1].strip()


def normalize(text):
    """lower -> drop string.punctuation -> articles to ' ' -> collapse whitespace (the official order)."""
    text = text.lower()
    text = ''.join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r'\b(a|an|the)\b', ' ', text)
    return ' '.join(text.split())


def parse_matched(text):
    """Everything the official parser does after its regex: json.loads, normalise items, drop repeats."""
    try:
        items = json.loads(text)
        result = []
        for item in items:
            if isinstance(item, (list, tuple)):
                item = tuple(normalize(element) for element in item)
            else:
                item = normalize(item)  # non-strings raise here (no .lower()), and the answer becomes []
            if item not in result:
                result.append(item)
        return result
    except Exception:
        return []


def parse_answer(text):
    """The official parser: the first `\\[(.*?)\\]` anchored at the start (re.match), else '[]'."""
    match = re.match(r'\[(.*?)\]', text)
    return parse_matched(match.group() if match else '[]')


def evaluate(predictions, golds):
    """NEREvaluator.evaluate: micro counts over all queries, then the ratios with their 1e-10 terms."""
    correct = predicted = gold_count = 0
    for prediction, gold in zip(predictions, golds):
        gold_items = parse_answer(gold)
        for item in parse_answer(prediction):
            correct += item in gold_items
            predicted += 1
        gold_count += len(gold_items)
    precision = correct / (predicted + 1e-10)
    recall = correct / (gold_count + 1e-10)
    f1 = 2 * precision * recall / (precision + recall + 1e-10)
    return dict(precision=precision, recall=recall, f1=f1, correct=correct, predicted=predicted, gold=gold_count)

# ---------------------------------------------------------------------------------------------------------------
# The cases.

NORMALIZATION = [
    'The Beatles', 'a', 'An apple a day', 'the-end', 'THE END', "l'an", 'U.S.A.', 'a.b', 'a-b', 'the,the',
    '  multiple   spaces\t\nand\u00a0nbsp', 'x\x1cy\x85z', 'zero\u200bwidth', 'a_b', '_a_', 'a1 a', 'anthem a',
    'theatre the', '\u00e1nthe the', '\u00e9t\u00e9 a \u00e9t\u00e9', 'a\u2014b', '\u00a1a!', 'a\u0301 b',
    '\u216b a', '\u0663a a', 'a\u00b2', '\u00bdthe', '\u039f\u0394\u039f\u03a3', '\u03c3\u03a3', '\u03a3\u0391 \u03a3.',
    '\u03a3', '\u0391\u03a3\u0345', '\u0130stanbul', 'Stra\u00dfe', '\u1e9e', '\u01c5', 'A\u3000THE\u3000An',
    'caf\u00c9 The', '\U0001d400 a', '\U0001f600 the', '',
]

JSON_INPUTS = [
    '["a", "b"]', '[ "a" ,\t"b" ]', '["a"\r]', '[\n"a"]', '[\u00a0"a"]', '["a",]', '[,]', '[]', '[ ]', '["a" "b"]',
    "['a']", '["a\tb"]', '["a\x7fb"]', '["\\x"]', '["\\/"]', '["\\U00e9"]', '["\\u00E9"]', '["\\u00e"]',
    '["\\ud83d\\ude00"]', '["\\ud83d"]', '["\\ud83d\\u0041"]', '["\\ud83d\\uZZZZ"]', '["\\ude00\\ud83d"]',
    '[NaN]', '[Infinity]', '[-Infinity]', '[-Inf]', '[nan]', '[01]', '[-0]', '[1.]', '[1.5e+3]', '[1e]', '[-]',
    '[.5]', '[1E5]', '[true, false, null]', '[True]', '[{"a": 1}]', '[{"a" : [1, {"b": null}]}]', '[{}]', '[{,}]',
    '[{"a": 1,}]', '[{a: 1}]', '[{"a" 1}]', '["a"', '["a"] ', '["a"] x', '"a"', ' ["a"]', '[[[]]]', '["\\"]',
]

MATCHED = [
    '[["The X", "y"], "z"]', '[["x", 1]]', '[["The X", "y"], ["the x", "Y!"]]', '[[]]', '["x", ["x"]]', '"xAy"',
    '{"K": 1, "k": 2, "K": 3}', '5', 'null', '[{"a": [1, {"b": null}]}]', '[["x", ["y"]]]',
]

RESPONSES = [
    ' ["Paris"] \n', 'USER: x ASSISTANT: ["a"] ASSISTANT:  ["b"]', 'ASSISTANT:', '\u00a0\u3000["x"]\x1c', '',
    '["a"]ASSISTANT', 'assistant: ["x"]', ' \t\n ',
]

PARSE = [
    '["Paris", "London"]', 'Answer: ["Paris"]', ' ["Paris"]', '\r["Paris"]', '["a]b", "c"]', '["Paris",\n"London"]',
    '["Paris"]\nmore text', '["Paris"] and ["Rome"]', '[("Paris", "city")]', '[["a", "b"]]',
    '["Paris", "paris", "The Paris", "PARIS!"]', '["a", "the", "an"]', '[]', '', 'None', '[1, 2]', '["a", 1]',
    '["x", null]', '[{"x": "y"}]', '["\\u00e9t\\u00e9"]', '["\\ud83d\\ude00 smile"]', '["\\ud83d"]',
    '["x\\ud83d\\u0041"]', '["\\\\"]', '["a\\"b"]', '["tab\\there"]', '["a\tb"]', '["NaN"]', '[NaN]', '["a",]',
    "['a']", '["x"]]', '[ "x" , "y" ]', '["\u039f\u0394\u039f\u03a3"]', '["\\u03a3\\u0391\\u03a3"]',
    '["x\r", "y"]', '["x"\r,"y"]', '[\n"x"]', '["x", "y"', '["New\u00a0York"]', '["New\\u00a0York", "new york"]',
    '["\u00e9t\u00e9"]', '["\U0001f600"]',
]

# (name, [(gold answers, prediction text or None)]). None is a query the model did not answer: scored as '[]'.
DATASETS = [
    ('gold as prediction', [
        (['Paris', 'London'], 'GOLD'), (['New York City'], 'GOLD'), ([], 'GOLD'), (['Apple', 'apple', 'APPLE'], 'GOLD'),
        (['the United States', 'United States'], 'GOLD'), (['caf\u00e9', '\U0001f600'], 'GOLD'),
    ]),
    ('empty predictions', [
        (['Paris', 'London'], None), (['New York City'], '[]'), ([], None), (['x'], ''),
    ]),
    ('nothing anywhere', [([], None), ([], '[]')]),
    ('quirks', [
        (['Paris'], 'Answer: ["Paris"]'),                  # leading text: no match
        (['a]b', 'c'], '["c"]'),                           # gold holding ']' empties the gold list
        (['Paris', 'London'], '["Paris",\n"London"]'),    # newline inside the list
        (['Paris', 'London'], '["Paris"]\n["London"]'),   # newline after the list
        (['Paris'], '[("Paris", "city")]'),               # tuples are not JSON
        (['Paris'], '["Paris", "paris", "PARIS."]'),      # duplicates after normalisation
        (['The Beatles', 'U.S.'], '["beatles", "US", "an U.S."]'),  # articles and punctuation
        (['Rome'], "['Rome']"),                            # not JSON
        (['caf\u00e9', '\u00c9t\u00e9'], '["caf\\u00e9", "\\u00e9t\\u00e9", "caf\\u00e"]'),  # escapes; bad escape
        (['caf\u00e9'], '["caf\\u00e9", "\\u00e9t\\u00e9"]'),
        (['\U0001f600 face'], '["\\ud83d\\ude00 FACE", "\\ud83d"]'),  # surrogate pair; lone surrogate
        (['x'], '[1, "x"]'),                               # a non-string item empties the answer
        (['x'], '["x"] trailing'),
        (['A', 'B'], '["a", "c"]'),
        ([], '["spurious"]'),
        (['New York'], '["New\\u00a0York"]'),
        (['Paris'], ' ["Paris"]\n'),                      # the official get_response strips the output
        (['Paris'], 'USER: Text: x ASSISTANT: ["Rome"] ASSISTANT: ["Paris"]'),  # and keeps the last answer
        (['Paris'], '\u00a0["Paris"]'),
    ]),
    ('mixed', [
        (['asian'], '["asian cuisine"]'), (['Barack Obama', 'Obama'], '["Obama", "Michelle Obama"]'),
        (['deep learning', 'neural network'], '["deep learning", "network", "learning"]'),
        ([], '[]'), (['ICLR'], '["ICLR 2024", "ICLR"]'), (['x y', 'y z'], '["y"]'),
    ]),
]

# ---------------------------------------------------------------------------------------------------------------
# Swift output.

def swift_string(text):
    """A Swift literal for a Python str: a string literal, or PythonString(codePoints:) with lone surrogates."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return 'PythonString(codePoints: [%s])' % ', '.join('0x%X' % ord(ch) for ch in text)
    out = []
    for ch in text:
        if ch == '\\': out.append('\\\\')
        elif ch == '"': out.append('\\"')
        elif ch == '\n': out.append('\\n')
        elif ch == '\r': out.append('\\r')
        elif ch == '\t': out.append('\\t')
        elif 0x20 <= ord(ch) < 0x7F: out.append(ch)
        else: out.append('\\u{%X}' % ord(ch))
    return '"' + ''.join(out) + '"'


def swift_items(items):
    parts = []
    for item in items:
        if isinstance(item, tuple):
            parts.append('.tuple([%s])' % ', '.join(swift_string(e) for e in item))
        else:
            parts.append('.text(%s)' % swift_string(item))
    return '[' + ', '.join(parts) + ']'


def number(x):
    return repr(float(x))


def real_file_cases(benchmark):
    path = os.path.join(benchmark, 'CrossNER_AI', 'CrossNER_AI.json')
    with open(path) as handle:
        examples = json.load(handle)
    golds = [example['conversations'][-1]['value'] for example in examples]
    answers = [json.loads(gold) for gold in golds]
    assert all(json.dumps(a) == gold for a, gold in zip(answers, golds)), 'gold values are json.dumps of a list'
    outputs = [clean_response(perturbed(answers, i)) for i in range(len(golds))]
    return len(golds), evaluate(golds, golds), evaluate(outputs, golds)


def perturbed(answers, index):
    """A deterministic imperfect prediction for query `index`: exact, one missed, normalisation-equal plus the
    previous query's gold (spurious), or exact after leading text (no match) / exact."""
    gold, previous = answers[index], answers[index - 1]
    if index % 4 == 0:
        return json.dumps(gold)
    if index % 4 == 1:
        return json.dumps(gold[:-1])
    if index % 4 == 2:
        return json.dumps(['THE ' + mention + '!' for mention in gold] + previous)
    return ('Answer: ' if index % 8 == 3 else '') + json.dumps(gold)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    default = os.environ.get('UNINER_DATA') or os.path.join(os.path.dirname(os.path.dirname(root)), 'shared', 'benchmark')
    benchmark = sys.argv[1] if len(sys.argv) > 1 else default
    lines = [
        '// Generated by scripts/reference/official_evaluator.py from a transcription of the official UniNER',
        '// evaluator (universal-ner/universal-ner, src/eval/evaluate.py) run by CPython %s. Do not edit.' % sys.version.split()[0],
        'import UniNERMetrics',
        '',
        'enum OfficialEvaluatorFixture {',
        '    /// normalize_answer(input) == expected',
        '    static let normalization: [(input: PythonString, expected: PythonString)] = [',
    ]
    for text in NORMALIZATION:
        lines.append('        (%s, %s),' % (swift_string(text), swift_string(normalize(text))))
    lines += ['    ]', '', '    /// whether json.loads(input) succeeds', '    static let json: [(input: PythonString, accepted: Bool)] = [']
    for text in JSON_INPUTS:
        try:
            json.loads(text)
            accepted = 'true'
        except Exception:
            accepted = 'false'
        lines.append('        (%s, %s),' % (swift_string(text), accepted))
    lines += ['    ]', '', '    /// the official parser after its regex', '    static let matched: [(input: PythonString, expected: [OfficialAnswerParser.Item])] = [']
    for text in MATCHED:
        lines.append('        (%s, %s),' % (swift_string(text), swift_items(parse_matched(text))))
    lines += ['    ]', '', '    /// get_response: the text after the last ASSISTANT:, stripped',
              '    static let responses: [(input: String, expected: String)] = [']
    for text in RESPONSES:
        lines.append('        (%s, %s),' % (swift_string(text), swift_string(clean_response(text))))
    lines += ['    ]', '', '    /// the official parser on a raw answer', '    static let parse: [(input: String, expected: [OfficialAnswerParser.Item])] = [']
    for text in PARSE:
        lines.append('        (%s, %s),' % (swift_string(text), swift_items(parse_answer(text))))
    lines += ['    ]', '',
              '    struct Dataset: Sendable {',
              '        let name: String',
              '        let queries: [(answers: [String], prediction: String?)]',
              '        let precision, recall, f1: Double',
              '        let correct, predicted, gold: Int',
              '    }', '',
              '    /// NEREvaluator().evaluate(map(get_response, predictions), golds) over several queries', '    static let datasets: [Dataset] = [']
    for name, queries in DATASETS:
        resolved = [(answers, json.dumps(answers) if prediction == 'GOLD' else prediction) for answers, prediction in queries]
        outputs = [clean_response(p) if p is not None else '[]' for _, p in resolved]
        result = evaluate(outputs, [json.dumps(a) for a, _ in resolved])
        lines.append('        Dataset(name: %s, queries: [' % swift_string(name))
        for answers, prediction in resolved:
            lines.append('            ([%s], %s),' % (', '.join(swift_string(a) for a in answers),
                                                      'nil' if prediction is None else swift_string(prediction)))
        lines.append('        ], precision: %s, recall: %s, f1: %s, correct: %d, predicted: %d, gold: %d),' % (
            number(result['precision']), number(result['recall']), number(result['f1']),
            result['correct'], result['predicted'], result['gold']))
    lines.append('    ]')
    count, identity, shifted = real_file_cases(benchmark)
    lines += ['', '    /// CrossNER_AI/CrossNER_AI.json (%d queries): gold as prediction, and `perturbed` predictions' % count,
              '    static let crossNERAIQueries = %d' % count]
    for label, result in (('crossNERAIGold', identity), ('crossNERAIPerturbed', shifted)):
        lines.append('    static let %s = (precision: %s, recall: %s, f1: %s, correct: %d, predicted: %d, gold: %d)' % (
            label, number(result['precision']), number(result['recall']), number(result['f1']),
            result['correct'], result['predicted'], result['gold']))
    lines.append('}')
    target = os.path.join(root, 'Tests', 'UniNERMetricsTests', 'OfficialEvaluatorFixture.swift')
    with open(target, 'w') as handle:
        handle.write('\n'.join(lines) + '\n')
    print('wrote', target)


if __name__ == '__main__':
    main()
