"""budget-tui: a terminal explorer for Japan's FY2020 (令和2年度) S&T budget."""

__version__ = "0.1.0"
