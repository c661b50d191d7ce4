// Plugin family Metrics.
