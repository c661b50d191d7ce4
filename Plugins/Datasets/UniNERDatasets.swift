// Plugin family Datasets.
