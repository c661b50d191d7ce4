"""GLiNER training rate on this machine: GLiNER's own trainer on the MiniLM-L6 backbone, the CoNLL-2003 training
sentences `uniner bench` trains on with all their labels, batch 8, a fixed step count. Prints one JSON object.

Measured, after `--warmup-steps` untimed steps: wall time of the remaining steps (collation included), the
non-padding subword tokens of their batches (the encoder's attention mask: prompt and sentence), sentences, and
the process's peak RSS. Settings of PEERS.md: max length 256 words, lr 1e-5 encoder / 5e-5 the rest, cosine with
10% warmup, seed 42.
"""
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_data import common_parser, conll_training_examples, peak_rss_bytes, set_threads  # noqa: E402
from gliner_model import untrained_gliner, versions  # noqa: E402


def tokenizer_argument(tokenizer):
    """The tokenizer as the Trainer of the installed transformers takes it (GLiNER's train_model does the same)."""
    import transformers

    major = int(transformers.__version__.split(".")[0])
    return {"processing_class": tokenizer} if major >= 5 else {"tokenizer": tokenizer}


def main():
    parser = common_parser(__doc__)
    parser.add_argument("--max-steps", type=int, default=120)
    parser.add_argument("--warmup-steps", type=int, default=5)
    parser.add_argument("--train-data", help="GLiNER JSON list to train on instead of CoNLL-2003 train")
    args = parser.parse_args()

    import torch
    from transformers import TrainerCallback
    from gliner.training import Trainer

    set_threads(torch, args.threads)
    count = args.max_steps * args.batch
    if args.train_data:
        with open(args.train_data, encoding="utf-8") as handle:
            examples = json.load(handle)[:count]
        source = f"{args.train_data}, first {len(examples)} sentences"
    else:
        examples = conll_training_examples(args.data, count)
        source = f"conll2003 train (CrossNER's copy), first {len(examples)} sentences in file order, all 3 labels asked per sentence"
    model = untrained_gliner(args.backbone)

    # Tokens per collated batch, in order; step k trains on batch k (accelerate may collate one batch ahead).
    batch_tokens, batch_sentences = [], []
    collator = model.data_collator_class(model.config, data_processor=model.data_processor, prepare_labels=True)

    def counting_collator(records):
        batch = collator(records)
        batch_tokens.append(int(batch["attention_mask"].sum()))
        batch_sentences.append(len(records))
        return batch

    marks = {}

    class CheckedTrainer(Trainer):
        """GLiNER's trainer skips a step that runs out of memory (returning a zero loss); it would inflate the rate."""
        skipped = 0

        def training_step(self, *step_args, **step_kwargs):
            loss = super().training_step(*step_args, **step_kwargs)
            if float(loss) == 0.0:  # the placeholder of a skipped step (a summed BCE loss is never exactly 0)
                CheckedTrainer.skipped += 1
            return loss

    class Clock(TrainerCallback):
        def on_step_end(self, train_args, state, control, **kwargs):
            if state.global_step == args.warmup_steps:
                marks["start"] = time.perf_counter()
            if state.global_step == args.max_steps:
                marks["end"] = time.perf_counter()
            if state.global_step % 10 == 0:
                print(f"[peer] training step {state.global_step}/{args.max_steps}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="gliner-bench-") as out:
        # GLiNER's own defaults (its create_training_args), with PEERS.md's rates and schedule
        training_args = model.create_training_args(
            output_dir=out, learning_rate=1e-5, others_lr=5e-5, weight_decay=0.01, others_weight_decay=0.01,
            lr_scheduler_type="cosine", warmup_ratio=0.1, per_device_train_batch_size=args.batch,
            max_steps=args.max_steps, save_strategy="no", logging_strategy="no", dataloader_num_workers=0,
            use_cpu=True, seed=42, remove_unused_columns=False)
        tokenizer = model.data_processor.transformer_tokenizer
        trainer = CheckedTrainer(model=model, args=training_args, train_dataset=examples, data_collator=counting_collator,
                                 callbacks=[Clock()], **tokenizer_argument(tokenizer))
        trainer.train()
    if CheckedTrainer.skipped:
        sys.exit(f"[peer] GLiNER's trainer skipped {CheckedTrainer.skipped} of {args.max_steps} steps (out of memory, logged above)")
    if "end" not in marks:
        sys.exit(f"[peer] training stopped before step {args.max_steps} ({len(batch_tokens)} batches collated)")

    timed = slice(args.warmup_steps, args.max_steps)
    seconds = marks["end"] - marks["start"]
    tokens = sum(batch_tokens[timed])
    sentences = sum(batch_sentences[timed])
    timed_steps = args.max_steps - args.warmup_steps
    print(json.dumps({
        "data": source, "batch": args.batch, "steps": args.max_steps, "timed_steps": timed_steps,
        "seconds": seconds, "tokens_per_second": tokens / seconds, "sentences_per_second": sentences / seconds,
        "steps_per_second": timed_steps / seconds, "tokens": tokens, "sentences": sentences,
        "peak_rss_bytes": peak_rss_bytes(), "versions": versions(),
    }))


if __name__ == "__main__":
    main()
