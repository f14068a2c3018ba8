"""The key bar: the keys that work where the focus is, on one line."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual import events
from textual.widget import Widget

from tui.core.labels import binding_text
from tui.core.model import Lang


class KeyBar(Widget):
    """The keys that work where the focus is, on one line, like Textual's Footer (click one to press it).

    Footer mounts a widget per key and recomposes them all on every focus change; drawn as one line of
    text, the same information costs a tenth of the start-up time.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.spans: list[tuple[int, int, str]] = []  # (start, end, key) of each entry, for clicks
        self.shown: list[tuple[str, str, str]] | None = None  # the entries last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._bindings_changed)  # help or palette over it

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        # Published after every focus change, which mostly leaves the keys as they were: a refresh then
        # would only cost another frame (at start-up, one after the first).
        if self.entries() != self.shown:
            self.refresh()

    def entries(self) -> list[tuple[str, str, str]]:
        """(key, key as shown, description) of each shown binding of the active screen (help's, over this
        one), once per action; the palette last."""
        seen: set[str] = set()
        result = []
        palette = None
        main = getattr(self.app, "main_screen", None)
        lang: Lang = getattr(main, "lang", "en")  # the footer speaks the explorer's language
        for binding in (active.binding for active in self.app.screen.active_bindings.values()):
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = (binding.key, self.app.get_key_display(binding), binding_text("palette", lang))
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                result.append((binding.key, self.app.get_key_display(binding), binding_text(binding.description, lang)))
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            result.append(palette)
        return result

    def render(self) -> RichText:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = RichText(no_wrap=True, overflow="crop", end="")
        self.spans = []
        self.shown = self.entries()
        for key, shown, description in self.shown:
            start = len(line)
            line.append(f" {shown} ", key_style)
            line.append(f"{description} ", description_style)
            self.spans.append((start, len(line), key))
        return line

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, key in self.spans:
            if start <= offset.x < end:
                event.stop()
                self.app.simulate_key(key)
                return

