// Module UniNERNumerics: see DESIGN.md.
