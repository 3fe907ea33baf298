"""Markdown lint with PyMarkdown, set up for Python-Markdown and Material for MkDocs.

PyMarkdown (PyPI ``pymarkdownlnt``) follows CommonMark; this site is rendered by
Python-Markdown with Material's extensions. The settings below keep the rules that catch
real mistakes (a list without a blank line before it, which Python-Markdown then renders as
a paragraph; a skipped heading level; a table row with a missing cell; trailing spaces) and
switch off those that misread this site's syntax. TeX and the options of calculator
directives are blanked out before linting (see :mod:`build_scripts.checks.markdown_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymarkdown.api import PyMarkdownApi, PyMarkdownApiException

from build_scripts.checks.markdown_text import lintable_text
from build_scripts.checks.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Rules that misread this site's Markdown, each with the reason.
DISABLED_RULES = {
    "md013": "one paragraph a line is the house style, so lines are long",
    "md030": "Material's grid cards and multi-paragraph items use `-   ` (three spaces)",
    "md036": "a bold line is a card title or a short list of terms, not a missing heading",
    "md046": "indented text under `!!! note` or `???` is admonition content, not code",
    "md051": "attr_list ids ({#berg-2009}) are invisible to the linter; MkDocs checks anchors",
    "md060": "`|---|` under `| a | b |` is the house style for tables; both render the same",
}
#: Rules that do not apply to snippets (``docs/includes/``), which are appended to pages.
SNIPPET_RULES = ("md041",)
#: Inline HTML a page may use: `md_in_html` blocks such as Material's grid cards.
# figure/figcaption: a figure's inline SVG comes in through a snippet (docs/includes/figurer/).
ALLOWED_HTML = ("div", "span", "br", "abbr", "sup", "sub", "kbd", "small", "figure", "figcaption")
#: Link texts that say nothing out of context (for screen readers' lists of links).
VAGUE_LINK_TEXTS = ("her", "klikk her", "lenke", "denne lenken", "les mer", "mer")

#: What each rule means, in Norwegian; PyMarkdown's English text is the fallback.
MESSAGES = {
    "MD001": "Overskriftsnivåene skal øke med ett om gangen (## etter #, ikke ###).",
    "MD003": "Skriv alle overskriftene på samme måte, med # foran.",
    "MD004": "Bruk samme tegn (-) foran alle punktene i en punktliste.",
    "MD005": "Punktene på samme nivå i en liste må ha samme innrykk.",
    "MD007": "Underpunkter rykkes inn fire mellomrom (Python-Markdown krever det).",
    "MD009": "Fjern mellomrommene på slutten av linjen (et linjeskift skrives <br>).",
    "MD010": "Bruk mellomrom i stedet for tabulator.",
    "MD011": "Lenken er skrevet baklengs: skriv [tekst](adresse).",
    "MD012": "Bruk bare én tom linje mellom avsnitt.",
    "MD018": "Sett et mellomrom etter # i en overskrift.",
    "MD019": "Bruk bare ett mellomrom etter # i en overskrift.",
    "MD022": "Sett en tom linje før og etter overskriften.",
    "MD023": "Overskriften må begynne helt til venstre på linjen.",
    "MD024": "To overskrifter på samme nivå under samme overskrift har samme tekst.",
    "MD025": "Siden skal ha bare én overskrift på øverste nivå (#).",
    "MD026": "Overskriften skal ikke slutte med skilletegn.",
    "MD027": "Bruk bare ett mellomrom etter > i et sitat.",
    "MD028": "Tom linje inne i et sitat: sett > på den tomme linjen også, eller del sitatet.",
    "MD029": "Nummerer listen 1., 2., 3. (eller 1., 1., 1.).",
    "MD031": "Sett en tom linje før og etter en kodeblokk.",
    "MD032": "Sett en tom linje før og etter listen (ellers blir den et vanlig avsnitt).",
    "MD033": "Unngå HTML i Markdown; skriv det med Markdown hvis det går.",
    "MD034": "Skriv nettadresser som lenker: [tekst](https://…) eller <https://…>.",
    "MD035": "Bruk samme skrivemåte for alle skillelinjer (---).",
    "MD037": "Fjern mellomrommene innenfor * eller _ rundt uthevet tekst.",
    "MD038": "Fjern mellomrommene innenfor `kode`.",
    "MD039": "Fjern mellomrommene innenfor [lenketeksten].",
    "MD040": "Skriv hvilket språk kodeblokken er på (```python, ```yaml, ```text).",
    "MD041": "Siden skal begynne med en overskrift på øverste nivå: # Tittel.",
    "MD042": "Lenken går ingen steder: skriv målet mellom parentesene.",
    "MD045": "Bildet mangler alternativ tekst: skriv en beskrivelse mellom [ og ].",
    "MD047": "Filen skal slutte med nøyaktig ett linjeskift.",
    "MD048": "Bruk samme tegn (```) til alle kodeblokker.",
    "MD049": "Bruk samme tegn til kursiv på hele siden (*kursiv*).",
    "MD050": "Bruk samme tegn til fet skrift på hele siden (**fet**).",
    "MD053": "Lenkedefinisjonen brukes ikke; fjern den eller lenk til den.",
    "MD055": "Skriv tabellradene på samme måte, med | i begge ender.",
    "MD056": "Tabellraden har ikke like mange celler som overskriftsraden.",
    "MD058": "Sett en tom linje før og etter tabellen.",
    "MD059": "Lenketeksten sier ikke hvor lenken går; skriv hva leseren finner der.",
}


def _api(*, snippet: bool) -> PyMarkdownApi:
    api = PyMarkdownApi().enable_strict_configuration()
    api.enable_extension_by_identifier("front-matter")
    api.enable_extension_by_identifier("markdown-tables")
    for rule in [*DISABLED_RULES, *(SNIPPET_RULES if snippet else ())]:
        api.disable_rule_by_identifier(rule)
    api.set_integer_property("plugins.md007.indent", 4)
    # Two trailing spaces are an invisible line break: ask for a visible fix instead.
    api.set_boolean_property("plugins.md009.strict", property_value=True)
    api.set_boolean_property("plugins.md024.siblings_only", property_value=True)
    api.set_string_property("plugins.md033.allowed_elements", ",".join(ALLOWED_HTML))
    api.set_string_property("plugins.md059.prohibited-phrases", ",".join(VAGUE_LINK_TEXTS))
    return api


def lint_markdown(
    files: Sequence[tuple[str, str]], *, snippets: Sequence[str] = ()
) -> list[Problem]:
    """Lint each file's Markdown.

    Args:
        files: ``(path as shown, Markdown text)`` pairs.
        snippets: Paths among ``files`` that are snippets appended to other pages, so
            rules about a page's opening heading do not apply.

    Returns:
        The problems found, in file order.

    """
    apis = {False: _api(snippet=False), True: _api(snippet=True)}
    problems: list[Problem] = []
    for path, text in files:
        if not text.strip():
            continue
        try:
            result = apis[path in snippets].scan_string(lintable_text(text))
        except PyMarkdownApiException as error:
            problems.append(Problem(path=path, line=1, column=1, message=str(error)))
            continue
        for failure in result.scan_failures:
            message = MESSAGES.get(failure.rule_id, failure.rule_description)
            extra = (failure.extra_error_information or "").strip().removeprefix("[")
            detail = f" [{extra.removesuffix(']')}]" if extra else ""
            rule = failure.rule_name.split(",", 1)[0]
            problems.append(
                Problem(
                    path=path,
                    line=failure.line_number,
                    column=failure.column_number,
                    message=f"{message}{detail} ({failure.rule_id} {rule})",
                )
            )
        problems.extend(
            Problem(path=path, line=pragma.line_number, column=1, message=pragma.pragma_error)
            for pragma in result.pragma_errors
        )
    return problems
