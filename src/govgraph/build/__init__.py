"""From source files to extracted records: documents, mentions, entities, claims."""
