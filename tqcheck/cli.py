"""The command line: thin commands over the library. The exit status is decided here and only here:
0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 a usage, configuration or input error.

argparse, not click: it is in the standard library and imports in a millisecond, and ``tqcheck --help``
should not wait for anything. Everything heavy (rich, the checks, langdetect) is imported inside the
command that needs it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import TqcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("rich", "text", "json", "jsonl", "sarif", "junit", "github", "html")


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("languages and data")
    g.add_argument("--lang", help="target language, the language the text should be in (default: en)")
    g.add_argument("--source-lang", help="language translated from (default: guessed from leftovers, else unknown)")
    g.add_argument("--rules", action="append", default=[], metavar="FILE", help="extra rule pack (TOML); repeatable")
    g.add_argument("--glossary", action="append", default=[], metavar="FILE", help="extra glossary (TSV); repeatable; wins over the default")
    g.add_argument("--no-default-glossary", action="store_true", help="do not load the built-in news glossary")
    g.add_argument("--no-cache", action="store_true",
                   help="do not read or write the compiled-glossary cache (see TQCHECK_CACHE_DIR in the README)")
    g.add_argument("--config", metavar="FILE", help="configuration file (default: tqcheck.toml or pyproject.toml "
                   "[tool.tqcheck], searched from the current directory up to the repository root)")
    g.add_argument("--isolated", action="store_true", help="ignore configuration files")
    s = p.add_argument_group("check selection")
    s.add_argument("--select", type=_codes, default=None, metavar="CODES",
                   help="comma-separated codes or prefixes to run (default: all; replaces the configuration's)")
    s.add_argument("--ignore", type=_codes, default=None, metavar="CODES",
                   help="comma-separated codes or prefixes not to run (added to the configuration's)")


def _output(p: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    o = p.add_argument_group("output")
    o.add_argument("--format", choices=formats, default="rich",
                   help="report format (default: rich); text, jsonl and github are one finding a line")
    o.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE (atomically) instead of stdout")
    o.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in the rich report")
    o.add_argument("--no-fixes", action="store_true", help="rich report: do not show the fixed lines")
    o.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None,
                   help="lowest severity that makes the exit status 1 (default: warning)")
    o.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (input errors still exit 2)")
    b = p.add_argument_group("baseline")
    b.add_argument("--baseline", metavar="FILE", help="report only findings this baseline file does not hold")
    b.add_argument("--update-baseline", action="store_true",
                   help="write every current finding to the baseline file (--baseline or the configuration's) and exit 0")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tqcheck",
        description="Find machine-translation artefacts, untranslated leftovers and wrong names in translated text.",
    )
    parser.add_argument("--version", action="version", version=f"tqcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="check files, directories or stdin (-) and report findings")
    c.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (text and Markdown files, recursively) or - for stdin")
    _common(c)
    c.add_argument("--source", metavar="SOURCE", help="the source text of a target file, line-aligned: "
                   "bilingual checks compare each line with its source")
    _output(c, FORMATS)
    c.add_argument("--side-by-side", action="store_true",
                   help="rich report: bilingual documents as source | target | back-translation (mt extra)")

    from . import audit_cli

    audit_cli.add_arguments(sub.add_parser("audit", help="audit feeds (RSS, Atom, JSON Lines, HTML, URLs): "
                                                         "findings per item and what only the whole feed shows"),
                            _common, _output)

    f = sub.add_parser("fix", help="apply safe fixes; print the fixed text, a diff, or rewrite the files")
    f.add_argument("paths", nargs="+", metavar="PATH")
    _common(f)
    mode = f.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff instead of the fixed text")
    mode.add_argument("--in-place", "-i", action="store_true", help="rewrite the files (atomically)")
    f.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that may change meaning")

    g = sub.add_parser("glossary", help="maintain glossaries: lint, add, remove, import, export, stats, suggest")
    gsub = g.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    gl = gsub.add_parser("lint", help="report duplicates, conflicts, cycles, shadowed entries, bad codes; exit 1 on problems")
    gl.add_argument("files", nargs="*", type=Path, metavar="FILE", help="glossaries, layered in order on the default one")
    gl.add_argument("--no-default-glossary", action="store_true", help="do not include the built-in glossary")
    ga = gsub.add_parser("add", help="add (or --replace) an entry; the file is rewritten sorted and atomically")
    ga.add_argument("file", type=Path)
    ga.add_argument("preferred", help="the preferred English form")
    ga.add_argument("--type", default="term", help="person, organisation, place, acronym or term")
    ga.add_argument("--accepted", action="append", default=[], metavar="FORM")
    ga.add_argument("--forbidden", action="append", default=[], metavar="FORM[=REASON]")
    ga.add_argument("--source", action="append", default=[], metavar="LANG=FORM", help="a source-language form, e.g. uk=Київ")
    ga.add_argument("--case-insensitive", action="store_true")
    ga.add_argument("--note", default="")
    ga.add_argument("--ref", default="", help="where the entry comes from")
    ga.add_argument("--replace", action="store_true", help="replace an entry with the same preferred form")
    gr = gsub.add_parser("remove", help="remove entries by preferred form")
    gr.add_argument("file", type=Path)
    gr.add_argument("preferred", nargs="+")
    for name, helptext in (("import", "convert a TBX, CSV or TSV glossary into a glossary file"),
                           ("export", "write a glossary (the default one unless SOURCE) as TBX, CSV or TSV")):
        gi = gsub.add_parser(name, help=helptext)
        if name == "import":
            gi.add_argument("source", type=Path)
        else:
            gi.add_argument("source", type=Path, nargs="?", help="glossary to export (default: the built-in one)")
        gi.add_argument("--output", "-o", type=Path, required=True, metavar="FILE")
        gi.add_argument("--from", dest="source_format", choices=("tsv", "csv", "tbx"), help="default: by file suffix")
        gi.add_argument("--to", dest="dest_format", choices=("tsv", "csv", "tbx"), help="default: by file suffix")
        gi.add_argument("--merge", action="store_true", help="keep the entries of FILE that the source does not redefine")
    for name, helptext in (("stats", "which entries fired how often over a corpus, and which never did"),
                           ("suggest", "mine a corpus for candidate entries, written as glossary rows to review")):
        gs = gsub.add_parser(name, help=helptext)
        gs.add_argument("paths", nargs="+", metavar="CORPUS")
        _common(gs)
        if name == "stats":
            gs.add_argument("--format", choices=("text", "json"), default="text")
            gs.add_argument("--show-unused", type=int, default=40, metavar="N", help="list at most N never-fired entries (-1: all)")
        else:
            gs.add_argument("--limit", type=int, default=50)
            gs.add_argument("--min-count", type=int, default=1)

    from .mt import cli as models_cli
    from .scoring import cli as score_cli

    score_cli.add_arguments(sub.add_parser("score", help="score system outputs against references (BLEU, chrF, TER)"))
    models_cli.add_arguments(sub.add_parser("models", help="offline translation models (argostranslate): list, install"))

    r = sub.add_parser("rules", help="list the checks, or explain one")
    r.add_argument("code", nargs="?", help="a code (TQ101) or name (mt-notice) to explain")
    r.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its one-line usage error (or --help)
        return EXIT_ERROR if exc.code not in (0, None) else EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "audit":
            from . import audit_cli

            return audit_cli.run(args, _env)
        if args.command == "fix":
            return cmd_fix(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "glossary":
            return cmd_glossary(args)
        if args.command == "score":
            from .scoring import cli as score_cli

            return score_cli.run(args)
        if args.command == "models":
            from .mt import cli as models_cli

            return models_cli.run(args)
    except TqcheckError as exc:
        print(f"tqcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("tqcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (head, less) went away: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if os.environ.get("TQCHECK_DEBUG"):
            raise
        print(f"tqcheck: internal error: {type(exc).__name__}: {exc} (set TQCHECK_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return EXIT_ERROR
    return EXIT_ERROR


def _settings(args: argparse.Namespace):
    """The configuration file (unless --isolated) under the command line's values."""
    from . import config

    found = None
    if not getattr(args, "isolated", False):
        if getattr(args, "config", None):
            path = Path(args.config)
            if not path.is_file():
                raise TqcheckError(f"--config {args.config}: no such file")
            found = config.load_config(path)
        else:
            where = config.find_config(Path.cwd())
            found = config.load_config(where) if where is not None else None
    return config.merge(
        found,
        select=args.select,
        ignore=args.ignore,
        fail_on=getattr(args, "fail_on", None),
        glossaries=args.glossary,
        rules=args.rules,
        default_glossary=False if args.no_default_glossary else None,
        lang=args.lang,
        source_lang=args.source_lang,
        baseline=getattr(args, "baseline", None),
        jobs=(os.cpu_count() or 1) if getattr(args, "jobs", None) == 0 else getattr(args, "jobs", None),
    )


def _setup(args: argparse.Namespace):
    from . import config, registry
    from .resources import Resources

    settings = _settings(args)
    args.lang, args.source_lang = settings.lang, settings.source_lang
    resources = Resources(
        lang=settings.lang,
        source_lang=settings.source_lang,
        rule_files=settings.rules,
        glossary_files=settings.glossaries,
        default_glossary=settings.default_glossary,
        cache=not args.no_cache,
    )
    resources.load_all()  # a bad glossary or rule pack stops the run before any output
    checks = [c() for c in config.selected_checks(settings, registry.all_checks())]
    args.settings = settings
    return resources, checks


class _Env:
    """What check and audit share once the command line and the configuration are read: resources,
    checks, the per-result policy (per-path ignores, severity overrides, baseline), report options,
    the output file and the exit status."""

    def __init__(self, args: argparse.Namespace) -> None:
        from . import report

        self.args = args
        self.resources, self.checks = _setup(args)
        s = self.settings = args.settings
        self.lang, self.source_lang, self.fields, self.jobs = s.lang, s.source_lang, s.fields, s.jobs
        if args.update_baseline and s.baseline is None:
            raise TqcheckError("--update-baseline needs a baseline file: give --baseline FILE (or baseline = in the configuration)")
        self.baseline = None
        if s.baseline is not None and not args.update_baseline:
            from .baseline import Baseline

            self.baseline = Baseline.load(s.baseline)
        self.fingerprint = args.update_baseline or self.baseline is not None or args.format == "sarif"
        if args.output:
            color = args.color == "always"
        else:
            color = args.color == "always" or (
                args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            )
        self.options = report.Options(color=color, version=__version__, fixes=not args.no_fixes)
        self.post = self._post if (self.fingerprint or s.per_path_ignores or s.severity) else None

    def _post(self, result):
        """Per-path ignores, severity overrides, then the baseline (with fingerprints taken while the
        document's text is at hand). Runs in the worker processes of an audit."""
        from dataclasses import replace

        from . import config

        s = self.settings
        findings = list(result.findings)
        doc = result.document
        if s.per_path_ignores:
            gone = config.path_ignores(s, doc.path)
            if gone:
                findings = [f for f in findings if not any(f.code.startswith("" if g == "ALL" else g) for g in gone)]
        if s.severity:
            findings = [replace(f, severity=level) if (level := config.severity_for(s, f.code)) and level != f.severity
                        else f for f in findings]
        fps: tuple[str, ...] = ()
        baselined = 0
        if self.fingerprint and findings:
            from . import baseline

            prints = baseline.fingerprints(doc, findings)
            if self.baseline is not None:
                new, known = self.baseline.split(doc, findings)
                baselined = len(known)
                keep = {id(f) for f in new}
                pairs = [(f, p) for f, p in zip(findings, prints) if id(f) in keep]
                findings = [f for f, _ in pairs]
                prints = [p for _, p in pairs]
            fps = tuple(prints)
        return replace(result, findings=tuple(findings), fingerprints=fps, baselined=result.baselined + baselined)

    def open_output(self, fmt: str):
        """Where the report goes, and what to call when it is complete: -o FILE is streamed to a
        temporary file put in place at the end (a run that fails halfway leaves the old file)."""
        if not self.args.output:
            def done() -> None:
                sys.stdout.flush()

            return sys.stdout, done
        from .atomic import AtomicWriter

        try:
            writer = AtomicWriter(self.args.output)
        except OSError as exc:
            raise TqcheckError(f"--output {self.args.output}: cannot write: {exc.strerror or exc}") from None
        import atexit

        atexit.register(writer.abort)  # not committed by the end of the process: leave no temporary file
        return writer, writer.commit

    def decide(self, worst, had_errors: bool) -> int:
        from .model import Severity

        if had_errors:
            return EXIT_ERROR
        if self.args.exit_zero or self.args.update_baseline or self.settings.fail_on == "never":
            return EXIT_OK
        return EXIT_FINDINGS if worst is not None and worst >= Severity.parse(self.settings.fail_on) else EXIT_OK

    def write_baseline(self, results) -> None:
        """``results``: DocumentResults with fingerprints (from ``_post``)."""
        from . import baseline

        n = baseline.write_results(self.settings.baseline, results)
        print(f"tqcheck: wrote {n} finding(s) to the baseline {self.settings.baseline}", file=sys.stderr)


def _env(args: argparse.Namespace) -> _Env:
    return _Env(args)


def _documents(args: argparse.Namespace, resources):
    from . import loader

    # Bilingual inputs (bilingual_io): a target with --source, or TSV, JSON Lines, XLIFF, PO, TMX files
    # named on the command line (directories still recurse into text and Markdown only). `fix` keeps
    # reading every file as text: it writes files back, and a bilingual document's text is not the file.
    source = getattr(args, "source", None)
    if source is not None:
        if len(args.paths) != 1 or os.path.isdir(args.paths[0]):
            raise TqcheckError("--source pairs one target file with its source; give exactly one target file")
        from .bilingual_io import format_of

        if format_of(args.paths[0]) is not None:
            raise TqcheckError(f"--source is for a plain target file; {args.paths[0]} holds its own source")
        if source == "-" and args.paths[0] == "-":
            raise TqcheckError("the target and its --source cannot both be stdin")
    stdin = None
    if "-" in args.paths or source == "-":
        stdin = sys.stdin.buffer.read(loader.MAX_BYTES + 1)
    letters = {code: lang.letters for code, lang in resources.languages.items()}

    def plain(paths):
        return loader.load(paths, lang=args.lang, source_lang=args.source_lang, letters=letters, stdin=stdin)

    if args.command == "fix":
        return plain(args.paths)
    from .bilingual_io import format_of, load_bilingual

    def bilingual(path, source=None):
        return load_bilingual(path, source=source, lang=args.lang, source_lang=args.source_lang, stdin=stdin,
                              languages=resources.languages)

    if source is not None:
        return bilingual(args.paths[0], source)

    def mixed():
        run: list[str] = []  # consecutive plain paths load together (the loader drops repeats)
        seen: set[str] = set()
        for path in args.paths:
            if path == "-" or os.path.isdir(path) or format_of(path) is None:
                run.append(path)
                continue
            yield from plain(run)
            run = []
            if path not in seen:
                seen.add(path)
                yield from bilingual(path)
        yield from plain(run)

    return mixed()


def cmd_check(args: argparse.Namespace) -> int:
    from . import engine, report
    from .model import DocumentResult, InputError, Report

    env = _Env(args)
    resources, checks = env.resources, env.checks
    results: list[DocumentResult] = []
    errors: list[InputError] = []
    for item in engine.run(_documents(args, resources), checks, resources):
        if isinstance(item, InputError):
            errors.append(item)
            print(f"tqcheck: {report.clean(str(item))}", file=sys.stderr)
            continue
        if env.settings.exclude:
            from .config import excluded

            if excluded(env.settings, item.document.path):
                continue
        results.append(env.post(item) if env.post is not None else item)
    terminology = None
    bilingual = [r.document for r in results if r.document.pairs]
    if bilingual:
        from .checks._bilingual import terminology_success

        terminology = terminology_success(bilingual, resources)
    rep = Report(tuple(results), tuple(errors), terminology)
    # a check skipped for want of an extra says so once per run, not once per document
    for note in dict.fromkeys(n for r in results for n in r.notes if " skipped: " in n):
        print(f"tqcheck: {note}", file=sys.stderr)
    baselined = sum(r.baselined for r in results)
    if baselined:
        print(f"tqcheck: {baselined} finding(s) known to the baseline {env.settings.baseline} not reported",
              file=sys.stderr)
    if args.update_baseline:
        env.write_baseline(results)
        return env.decide(None, bool(errors))

    options = env.options
    if args.side_by_side and args.format == "rich":
        from dataclasses import replace

        from .mt.argos import MTUnavailable
        from .mt.backtranslate import back_translate

        back: dict[str, list[str]] = {}
        for r in results:
            if r.document.pairs:
                try:
                    back[r.document.path] = back_translate(r.document)
                except MTUnavailable as exc:  # the table still shows source and target
                    print(f"tqcheck: no back-translation column: {exc}", file=sys.stderr)
                    break
        options = replace(options, side_by_side=True, back_translations=back)
    out, done = env.open_output(args.format)
    report.get(args.format)(rep, out, options)
    done()
    return env.decide(rep.max_severity(), bool(errors))


def cmd_fix(args: argparse.Namespace) -> int:
    import difflib

    from . import engine
    from .atomic import write_text
    from .model import InputError

    resources, checks = _setup(args)
    if args.in_place and "-" in args.paths:
        raise TqcheckError("--in-place cannot rewrite stdin")
    status = EXIT_OK
    for item in engine.run(_documents(args, resources), checks, resources):
        if isinstance(item, InputError):
            print(f"tqcheck: {item}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        text = item.document.text
        fixed, applied = engine.apply_fixes(text, item.findings, unsafe=args.unsafe_fixes)
        path = item.document.path
        if args.in_place:
            if fixed != text:
                write_text(path, fixed)
            print(f"{path}: {applied} fix(es) applied", file=sys.stderr)
        elif args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{path}", f"b/{path}"
                )
            )
        else:
            sys.stdout.write(fixed)
    return status


def cmd_glossary(args: argparse.Namespace) -> int:
    from .glossary import commands

    action = args.glossary_command
    out = sys.stdout
    if action == "lint":
        return commands.lint(args.files, default=not args.no_default_glossary, out=out)
    if action == "add":
        return commands.add(args.file, preferred=args.preferred, type=args.type, accepted=args.accepted,
                            forbidden=args.forbidden, sources=args.source,
                            case_sensitive=not args.case_insensitive, note=args.note, ref=args.ref,
                            replace_existing=args.replace, out=out)
    if action == "remove":
        return commands.remove(args.file, args.preferred, out=out)
    if action in ("import", "export"):
        return commands.convert(args.source, args.output, source_format=args.source_format,
                                dest_format=args.dest_format, merge=args.merge, out=out)
    resources, _ = _setup(args)
    documents = []
    status = EXIT_OK
    from .model import InputError

    for item in _documents(args, resources):
        if isinstance(item, InputError):
            print(f"tqcheck: {item}", file=sys.stderr)
            status = EXIT_ERROR
        else:
            documents.append(item)
    if action == "stats":
        rc = commands.stats(documents, resources, out=out, fmt=args.format, show_unused=args.show_unused)
    else:
        rc = commands.suggest(documents, resources, out=out, limit=args.limit, min_count=args.min_count)
    return status or rc


def cmd_rules(args: argparse.Namespace) -> int:
    from . import registry

    checks = registry.all_checks()
    if args.code:
        check = registry.find(args.code)
        if check is None:
            raise TqcheckError(f"no check {args.code!r} (see 'tqcheck rules')")
        checks = [check]
    if args.format == "json":
        import json

        json.dump([_rule_dict(c) for c in checks], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if args.code:
        c = checks[0]
        print(f"{c.code} {c.name}  [{c.severity}, {c.category}]\n")
        print(c.doc())
        print("\nFlags:")
        for ex in c.flags:
            print(f"  - {ex!r}")
        print("Passes:")
        for ex in c.passes:
            print(f"  - {ex!r}")
        return EXIT_OK
    width = max(len(c.name) for c in checks)
    for c in checks:
        print(f"{c.code}  {c.name.ljust(width)}  {str(c.severity).ljust(7)}  {c.title()}")
    return EXIT_OK


def _rule_dict(c) -> dict[str, object]:
    return {
        "code": c.code,
        "name": c.name,
        "severity": str(c.severity),
        "category": str(c.category),
        "title": c.title(),
        "doc": c.doc(),
        "flags": list(c.flags),
        "passes": list(c.passes),
    }
