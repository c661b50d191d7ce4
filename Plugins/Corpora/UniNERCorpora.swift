// Plugin family Corpora.
