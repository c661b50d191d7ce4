// Plugin family Annotators.
