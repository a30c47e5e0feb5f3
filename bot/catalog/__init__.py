"""Content models, the loader with path:line errors, checks, places, keywords and the officers' file tools."""
