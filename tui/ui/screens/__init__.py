"""The explorer's screens: the main screen (main.py) and help (help.py, imported on first use)."""
