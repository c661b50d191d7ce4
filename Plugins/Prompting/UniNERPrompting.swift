// Plugin family Prompting.
