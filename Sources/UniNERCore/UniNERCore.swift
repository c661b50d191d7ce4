// Module UniNERCore: see DESIGN.md.
