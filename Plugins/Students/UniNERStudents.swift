// Plugin family Students.
