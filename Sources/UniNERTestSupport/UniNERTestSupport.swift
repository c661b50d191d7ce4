// Module UniNERTestSupport: see DESIGN.md.
