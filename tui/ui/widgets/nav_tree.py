"""The navigation tree: the whole document, keyboard first (arrows or vim keys)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual import on
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.core.fmt import Unit, figure_text
from tui.core.model import Dataset, Lang, Node


def node_label(node: Node, lang: Lang, unit: Unit) -> RichText:
    """A tree label: the name, and its main figure dimmed."""
    label = RichText(node.name.get(lang))
    if node.is_relisting:
        label.append(" ↻", style="italic")
    main = node.main_figure()
    if main is not None:
        label.append(f"  {figure_text(main[1], unit, lang)}", style="dim")
    return label


class NavTree(Tree[Node]):
    """The navigation tree: the whole document, keyboard first (arrows or vim keys)."""

    DEFAULT_CSS = """
    NavTree { width: 30%; min-width: 16; border: round $primary-darken-2; }
    NavTree:focus { border: round $accent; }
    """
    lang: reactive[Lang] = reactive[Lang]("ja", init=False)
    unit: reactive[Unit] = reactive(Unit.OKU, init=False)
    LEAF_LIMIT = 500  # a node with more children lists its leaves in the table only
    BINDINGS: ClassVar[list[BindingType]] = [
        # Vim keys beside the arrows they mirror, in one Binding each (as in every widget here); Tree binds
        # the arrows up and down itself.
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l,right", "expand_or_child", "Expand / into", show=False),
        Binding("h,left", "collapse_or_parent", "Collapse / up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]

    def __init__(self, dataset: Dataset, lang: Lang, unit: Unit, **kwargs: object) -> None:
        super().__init__(node_label(dataset.root, lang, unit), data=dataset.root, **kwargs)  # type: ignore[arg-type]
        self.set_reactive(NavTree.lang, lang)
        self.set_reactive(NavTree.unit, unit)
        # Tree nodes are made when their parent first opens: start-up builds one level, not all 273.
        self.tree_nodes: dict[str, TreeNode[Node]] = {dataset.root.id: self.root}
        self.populated: set[str] = set()
        self.auto_expand = False
        self.guide_depth = 2  # deep strategy trees: narrow guides leave room for the names
        self.populate(self.root)
        self.root.expand()

    def populate(self, tree_node: TreeNode[Node]) -> None:
        """Add the children of ``tree_node`` (once)."""
        node = tree_node.data
        if node is None or node.id in self.populated:
            return
        self.populated.add(node.id)
        crowded = len(node.children) > self.LEAF_LIMIT
        for child in node.children:
            if child.children:
                label = node_label(child, self.lang, self.unit)
                self.tree_nodes[child.id] = tree_node.add(label, data=child, allow_expand=True)
            elif not crowded:
                self.tree_nodes[child.id] = tree_node.add_leaf(node_label(child, self.lang, self.unit), data=child)
        if crowded:
            # Thousands of leaves are rows, not navigation: the table (drawn only where visible) lists
            # them. This line stands for them and, highlighted, shows them there.
            leaves = sum(1 for child in node.children if not child.children)
            tree_node.add_leaf(self._leaves_label(leaves), data=node)

    def _leaves_label(self, count: int) -> RichText:
        text = f"… {count:,}件（表に表示）" if self.lang == "ja" else f"… {count:,} lines (in the table)"
        return RichText(text, style="italic dim")

    def shows(self, node: Node) -> bool:
        """Whether ``node`` has a line of its own in the tree (leaves of crowded nodes do not)."""
        parent = node.parent
        return parent is None or len(parent.children) <= self.LEAF_LIMIT or bool(node.children)

    def open(self, tree_node: TreeNode[Node]) -> None:
        self.populate(tree_node)
        tree_node.expand()

    @on(Tree.NodeExpanded)
    def _opened(self, event: Tree.NodeExpanded[Node]) -> None:
        """Opened by the mouse or Tree's own keys: fill it in now."""
        self.populate(event.node)

    def watch_lang(self) -> None:
        self.relabel()

    def watch_unit(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        lang, unit = self.lang, self.unit
        for tree_node in self.tree_nodes.values():
            if tree_node.data is not None:
                tree_node.set_label(node_label(tree_node.data, lang, unit))
                for child in tree_node.children:
                    if child.data is tree_node.data:  # the stand-in line of a crowded node
                        child.set_label(self._leaves_label(sum(1 for n in child.data.children if not n.children)))

    def reveal(self, node: Node) -> None:
        """Open the path to ``node`` and put the cursor on it (or, for a leaf of a crowded node, on
        the line that stands for it)."""
        for ancestor in node.path()[:-1]:
            self.open(self.tree_nodes[ancestor.id])
        target = self.tree_nodes.get(node.id)
        if target is None and node.parent is not None:
            parent = self.tree_nodes[node.parent.id]
            target = next(c for c in parent.children if c.data is node.parent)
        self.call_after_refresh(self.move_cursor, target)

    def action_scroll_home(self) -> None:
        self.move_cursor(self.root)

    def action_scroll_end(self) -> None:
        self.move_cursor_to_line(self.last_line)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_expanded:
            self.action_cursor_down()
        else:
            self.open(node)

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)

