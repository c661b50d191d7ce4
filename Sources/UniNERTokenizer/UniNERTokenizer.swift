// Module UniNERTokenizer.
