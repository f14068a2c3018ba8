"""The detail pane: everything about one node, and the related nodes to jump to."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual import on
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.detail import DetailLine
from tui.core.model import Lang, Node


class DetailPane(VerticalScroll):
    """Everything about one node; related nodes (a program's 再掲 placements, a ministry's programs)
    are a list you can jump to."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail-pane--warning", "detail-pane--source"}
    DEFAULT_CSS = """
    DetailPane > .detail-pane--warning { color: $text-warning; }
    DetailPane > .detail-pane--source { color: $text-accent; }
    DetailPane { height: 1fr; border: round $primary-darken-2; padding: 0 1; }
    DetailPane:focus-within { border: round $accent; }
    DetailPane #detail-title { text-style: bold; }
    DetailPane #placements { height: auto; max-height: 8; border: round $secondary; display: none; }
    DetailPane #placements.-shown { display: block; }
    """

    class LinkSelected(Message):
        """Enter or a click on a related node: the user asked to go to ``node_id``."""

        def __init__(self, pane: DetailPane, node_id: str) -> None:
            super().__init__()
            self.pane = pane
            self.node_id = node_id

        @property
        def control(self) -> DetailPane:
            return self.pane

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-title")
        yield Static(id="detail-body")  # the list of related nodes goes above it once a node has some (show)

    def placements(self) -> OptionList | None:
        """The list of related nodes, or None before any node shown had some: it is mounted on first use."""
        return next(iter(self.query("#placements").results(OptionList)), None)

    def show(self, node: Node, lines: list[DetailLine], links: tuple[str, list[tuple[str, Node]]], lang: Lang) -> None:
        other: Lang = "en" if lang == "ja" else "ja"
        title = RichText(node.name.get(lang), style="bold")
        if node.name.get(other) != node.name.get(lang):
            title.append("\n" + node.name.get(other), style="not bold dim")
        self.query_one("#detail-title", Static).update(title)
        # Component classes by name (".detail-pane--warning"), looked up when the body is drawn rather than
        # now: a theme change (the palette's theme picker) recolours them without drawing the body again.
        styles = {
            "figure": "bold",
            "warning": ".detail-pane--warning",
            "muted": "dim",
            "source": ".detail-pane--source",
        }
        parts: list[tuple[str, str]] = []
        for line in lines:
            if parts:
                parts.append(("\n", ""))
            if line.label:
                parts.append((f"{line.label}: ", "dim"))
            parts.append((line.value, styles.get(line.style, "")))
        self.query_one("#detail-body", Static).update(Content.assemble(*parts))
        heading, targets = links
        placements = self.placements()
        if placements is None and targets:
            # Before the body: the other placements matter as much as the figures. Labels are data, never markup.
            placements = OptionList(id="placements", markup=False)
            self.mount(placements, after="#detail-title")
        if placements is not None:
            placements.clear_options()
            if targets:
                placements.border_title = heading
                placements.add_options(Option(label, id=target.id) for label, target in targets)
                placements.highlighted = 0  # Tab then Enter jumps to the first one
            placements.set_class(bool(targets), "-shown")
        self.scroll_home(animate=False)

    def link_under_cursor(self) -> str | None:
        """The id of the highlighted link, when the focus is on the list of links."""
        placements = self.placements()
        if placements is None or not placements.has_focus or not placements.option_count:
            return None
        if placements.highlighted is None:
            return None
        return placements.get_option_at_index(placements.highlighted).id

    @on(OptionList.OptionSelected, "#placements")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.LinkSelected(self, str(event.option.id)))

