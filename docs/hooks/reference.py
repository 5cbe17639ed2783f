"""MkDocs hook: the reference pages, generated from the code when the site is built.

* ``docs/cli.md`` holds the marker line ``<!-- framing-cli-reference -->``, replaced by
  :func:`reference`: a table of every command, then one section per command with its full
  ``--help`` text, exactly as a terminal 100 characters wide shows it.
* ``docs/api/index.md`` holds ``<!-- framing-api-overview -->``, replaced by
  :func:`api_overview`: a table of every name ``import framing`` offers, with the first line
  of its docstring and a link to its full entry (rendered by mkdocstrings).

The references therefore follow the code: a new command, option or function appears in the
site without anyone writing it down. ``tests/docs/test_cli_reference.py`` checks that every
command and every option name is in the CLI reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import click

MARKER = "<!-- framing-cli-reference -->"
API_MARKER = "<!-- framing-api-overview -->"
WIDTH = 100
ROLE_RE = re.compile(r":(?:class|func|mod|data|meth|attr|obj):`~?([^`]+)`")


def walk(group: click.Group, path: tuple[str, ...] = ("framing",)
         ) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every visible command under ``group`` as (name path, command), groups before their commands."""
    ctx = click.Context(group, info_name=path[-1])
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


def anchor(path: tuple[str, ...]) -> str:
    """The section id of a command: ``("framing", "lexicon", "show")`` → ``lexicon-show``."""
    return "-".join(path[1:])


def _context(command: click.Command, name: str, parent: click.Context | None) -> click.Context:
    """The context ``framing ... NAME --help`` runs in: the command's own settings, a fixed width."""
    settings = {**command.context_settings, "terminal_width": WIDTH}
    settings.setdefault("max_content_width", WIDTH)
    return click.Context(command, info_name=name, parent=parent, **settings)


def help_text(root: click.Group, path: tuple[str, ...]) -> str:
    """The ``--help`` text of the command at ``path``, as a terminal of :data:`WIDTH` columns shows it."""
    ctx = _context(root, path[0], None)
    command: click.Command = root
    for name in path[1:]:
        assert isinstance(command, click.Group)
        sub = command.get_command(ctx, name)
        assert sub is not None, f"no command {name!r} in {' '.join(path)}"
        command = sub
        ctx = _context(command, name, ctx)
    return command.get_help(ctx)


def reference(root: click.Group | None = None) -> str:
    """The reference as Markdown: a table of the commands, then each command's ``--help``."""
    if root is None:
        from framing.cli import main as root
    entries = list(walk(root))
    lines = ["| command | what it does |", "|---|---|"]
    for path, command in entries:
        summary = command.get_short_help_str(limit=90).replace("|", "\\|")
        lines.append(f"| [`{' '.join(path)}`](#{anchor(path)}) | {summary} |")
    lines += ["", "## `framing` {#framing}", "", "```text", help_text(root, ("framing",)), "```"]
    for path, _command in entries:
        lines += ["", f"## `{' '.join(path)}` {{#{anchor(path)}}}", "", "```text",
                  help_text(root, path), "```"]
    return "\n".join(lines) + "\n"


def api_overview() -> str:
    """A Markdown table of ``framing.__all__``: each name, linked to its entry, and what it is."""
    import inspect

    import framing

    lines = ["| name | what it is |", "|---|---|"]
    for name in sorted(n for n in framing.__all__ if not n.startswith("_")):
        obj = getattr(framing, name)
        home = ".".join(obj.__module__.split(".")[:2])
        doc = (inspect.getdoc(obj) or "").strip().split("\n\n")[0].replace("\n", " ")
        kind = "class" if inspect.isclass(obj) else "function"
        doc = ROLE_RE.sub(r"`\1`", doc).replace("``", "`").replace("|", "\\|")
        lines.append(f"| [`framing.{name}`][{home}.{name}] | {kind}: {doc} |")
    return "\n".join(lines) + "\n"


def on_page_content(html: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """MkDocs event: drop the Sphinx roles (``:func:``, ``:class:``...) docstrings use for their names."""
    return HTML_ROLE_RE.sub("", html)


HTML_ROLE_RE = re.compile(r":(?:class|func|mod|data|meth|attr|obj|exc):(?=<code>|`)")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """MkDocs event: put the generated references where their markers stand."""
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, reference())
    if API_MARKER in markdown:
        markdown = markdown.replace(API_MARKER, api_overview())
    return markdown
