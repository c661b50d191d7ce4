// Module OpenAICompatible: see DESIGN.md.
