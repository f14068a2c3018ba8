"""The explorer application: start-up, the command palette and the system commands. The explorer itself
(its panes, keys and state) is the main screen, tui.ui.screens.main."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tui.core.detail import path_text
from tui.core.fmt import Unit
from tui.core.labels import binding_text
from tui.core.model import Dataset, Lang, Node
from tui.core.settings import State
from tui.ui.screens.main import MainScreen


class JumpProvider(Provider):
    """Command palette: "jump to <node>" for every node of the document."""

    def _main(self) -> MainScreen:
        app = self.app
        assert isinstance(app, BudgetApp)
        return app.main_screen

    def _targets(self) -> Iterable[tuple[str, Node]]:
        main = self._main()
        for node in main.dataset.nodes.values():
            if node.kind != "footnote":  # footnotes are not in the tree; they show in their table's detail
                yield f"→ {path_text(node, main.lang)}", node

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        main = self._main()
        for text, node in self._targets():
            other = node.name.get("en" if main.lang == "ja" else "ja")
            score = max(matcher.match(text), matcher.match(other))
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(main.jump_to, node), help=other)

    async def discover(self) -> Hits:
        main = self._main()
        for text, node in list(self._targets())[:40]:
            yield DiscoveryHit(text, partial(main.jump_to, node))


class RecentProvider(Provider):
    """Command palette: the recent searches ("検索: 量子暗号") and all-lines filters ("絞り込み: is:new"),
    this run's and earlier runs' (the state file), to run again."""

    def _entries(self) -> Iterable[tuple[str, partial[None]]]:
        app = self.app
        assert isinstance(app, BudgetApp)
        main = app.main_screen
        ja = main.lang == "ja"
        for query in main.recent.searches:
            yield f"{'検索' if ja else 'search'}: {query}", partial(main.search_for, query)
        for query in main.recent.filters:
            yield f"{'絞り込み' if ja else 'filter'}: {query}", partial(main.open_lines, query)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), run)

    async def discover(self) -> Hits:
        for text, run in self._entries():
            yield DiscoveryHit(text, run)


class BudgetApp(App[int]):
    """budget-tui's explorer."""

    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {RecentProvider, JumpProvider}

    def __init__(
        self,
        dataset: Dataset,
        lang: Lang = "ja",
        unit: Unit = Unit.OKU,
        screenshot_dir: Path | None = None,
        start_node: Node | None = None,
        *,
        recent: State | None = None,
        cite_id: bool = True,
    ) -> None:
        """``recent``: the searches and filters remembered from earlier runs (Up recalls them); ``cite_id``:
        `C` ends with the item's id."""
        super().__init__()
        self.dataset = dataset
        self.main_screen = MainScreen(dataset, lang, unit, screenshot_dir, recent=recent or State(), cite_id=cite_id)
        self.main_screen.start_node = start_node  # `--open ID`: shown once mounted
        self.start_warnings: tuple[str, ...] = ()  # about the settings files: shown once mounted

    def on_mount(self) -> None:
        # Also printed on stderr before the screen opened, where the alternate screen hides it at once.
        for warning in self.start_warnings:
            self.notify(warning, title="budget-tui", severity="warning", timeout=15, markup=False)

    def get_default_screen(self) -> MainScreen:
        return self.main_screen

    def action_command_palette(self) -> None:
        """Textual's palette, closed once (a second Enter before it has gone: tui.ui.palette)."""
        from tui.ui.palette import OnceCommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(OnceCommandPalette(id="--command-palette"))

    def panic(self, *renderables: RenderableType) -> None:
        """Textual's panic (an error it cannot recover from) exits with status 0: a crash must not."""
        self._return_code = self._return_code or 1
        super().panic(*renderables)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        lang = self.main_screen.lang
        for binding in Binding.make_bindings(MainScreen.BINDINGS):
            yield SystemCommand(
                binding_text(binding.description, lang),
                f"{'キー' if lang == 'ja' else 'key'}: {binding.key_display or binding.key}",
                partial(self.run_action, binding.action, self.main_screen),
            )
