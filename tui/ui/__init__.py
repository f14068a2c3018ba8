"""The terminal UI (Textual). Everything it shows comes from tui.core."""
