"""The data layer: model, loading and validation, formatting, search, audit, export. No textual here."""
