// Module UniNERCatalog: see DESIGN.md.
