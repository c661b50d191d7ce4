// Plugin family Predictors.
