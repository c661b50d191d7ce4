// Plugin family Sampling.
