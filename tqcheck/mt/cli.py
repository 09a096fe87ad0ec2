"""``tqcheck models``: list and install argostranslate language packages. Light at import.

Every failure is one line on stderr and exit status 2, never a traceback: a missing extra, a file
that is not a package, no network. Listing exits 1 when the folder holds something that is not a
package (argostranslate then fails on every package, so it is worth saying).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import TqcheckError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
INDEX_TIMEOUT_S = 5.0


class PackageFileError(TqcheckError):
    """A file given to ``models install --from`` is not an installable package."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="installed language packages")
    inst = sub.add_parser("install", help="install a package from a file (--from) or from the Argos index (FROM TO)")
    inst.add_argument("from_code", nargs="?", metavar="FROM", help="source language code, e.g. uk")
    inst.add_argument("to_code", nargs="?", metavar="TO", help="target language code, e.g. en")
    inst.add_argument("--from", dest="from_file", type=Path, metavar="FILE",
                      help="install this .argosmodel file (no network)")
    inst.add_argument("--replace", action="store_true", help="replace an installed package for the same languages")
    for q in (ls, inst):
        q.add_argument("--packages-dir", type=Path, metavar="DIR",
                       help="where packages live (default: $TQCHECK_ARGOS_DIR, else argostranslate's own setting)")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "packages_dir", None):
        os.environ["TQCHECK_ARGOS_DIR"] = str(args.packages_dir)
    try:
        if args.models_command == "list":
            return cmd_list()
        return cmd_install(args)
    except TqcheckError as exc:
        print(f"tqcheck: {exc}", file=sys.stderr)
        return EXIT_ERROR


def cmd_list() -> int:
    from . import argos

    if not argos.extra_installed():
        raise argos.MTUnavailable(argos.EXTRA_HINT)
    directory = argos.packages_dir()
    found, broken = argos.scan(directory)
    if not found and not broken:
        print(f"no argostranslate packages in {directory}: install one with 'tqcheck models install FROM TO' "
              "or 'tqcheck models install --from FILE.argosmodel'")
        return EXIT_OK
    print(f"argostranslate packages in {directory}:")
    width = max((len(p.pair) for p in found), default=0)
    for p in found:
        names = f"{p.from_name} → {p.to_name}" if p.from_name and p.to_name else ""
        print(f"  {p.pair.ljust(width)}  {p.version or '?':<8} {names}  {p.path}")
    for path, why in broken:
        print(f"  not a package: {path} ({why}); argostranslate cannot load any package while it is there: remove it")
    return EXIT_PROBLEMS if broken else EXIT_OK


def cmd_install(args: argparse.Namespace) -> int:
    from . import argos

    if args.from_file is not None and (args.from_code or args.to_code):
        raise TqcheckError("give either --from FILE or FROM TO, not both")
    if args.from_file is None and not (args.from_code and args.to_code):
        raise TqcheckError("give --from FILE.argosmodel, or the languages: tqcheck models install FROM TO")
    if not argos.extra_installed():
        raise argos.MTUnavailable(argos.EXTRA_HINT)
    if args.from_file is not None:
        meta = validate_package_file(args.from_file)
        return _install_file(args.from_file, meta, replace=args.replace)
    return _install_from_index(argos.lang_code(args.from_code), argos.lang_code(args.to_code), replace=args.replace)


def validate_package_file(path: Path) -> dict:
    """The package's metadata, once ``path`` is known to be what argostranslate can install: a zip
    with one top-level folder holding metadata.json (with from_code and to_code), a model/ folder and
    a tokenizer (sentencepiece.model, or bpe.model in older packages). ``install_from_path`` itself
    only checks that the file is a zip, and a flat zip breaks every package after it."""
    if not path.is_file():
        raise PackageFileError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise PackageFileError(f"{path}: not an argostranslate package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n and not n.startswith("__MACOSX/")]
            for n in names:
                pure = PurePosixPath(n)
                if pure.is_absolute() or ".." in pure.parts or "\\" in n:
                    raise PackageFileError(f"{path}: not an argostranslate package (unsafe path {n!r} in the zip)")
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) != 1 or not all("/" in n for n in names):
                found = f"{len(tops)} top-level entries" if len(tops) != 1 else "a file at its top level"
                raise PackageFileError(
                    f"{path}: not an argostranslate package: the zip must hold one folder "
                    f"(with metadata.json, model/ and sentencepiece.model), not {found}")
            top = tops.pop()
            inside = {n[len(top) + 1:] for n in names}
            missing = [what for what, ok in (
                ("metadata.json", "metadata.json" in inside),
                ("model/", any(n.startswith("model/") and len(n) > len("model/") for n in inside)),
                ("sentencepiece.model", "sentencepiece.model" in inside or "bpe.model" in inside),
            ) if not ok]
            if missing:
                raise PackageFileError(f"{path}: not an argostranslate package: {top}/ lacks {', '.join(missing)}")
            try:
                meta = json.loads(z.read(f"{top}/metadata.json"))
            except ValueError as exc:
                raise PackageFileError(f"{path}: {top}/metadata.json is not JSON ({exc})") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackageFileError(f"{path}: unreadable zip ({exc})") from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise PackageFileError(f"{path}: {top}/metadata.json lacks from_code or to_code")
    if meta.get("type", "translate") != "translate":
        raise PackageFileError(f"{path}: a {meta.get('type')!r} package, not a translation package")
    meta["_folder"] = top
    return meta


def _check_replace(from_code: str, to_code: str, replace: bool) -> None:
    from . import argos

    existing = argos.find_package(from_code, to_code)
    if existing is None:
        return
    if not replace:
        raise TqcheckError(f"a package for {from_code}→{to_code} is already installed ({existing.path}, version "
                           f"{existing.version or '?'}): add --replace to replace it")
    import shutil

    shutil.rmtree(existing.path)


def _argos_package():
    """``argostranslate.package``, checked to install where tqcheck looks."""
    from . import argos

    package = argos._argos()
    from argostranslate import settings

    target = argos.packages_dir()
    if Path(settings.package_data_dir).resolve() != target.resolve():
        raise TqcheckError(f"argostranslate was loaded with another packages folder ({settings.package_data_dir}, "
                           f"not {target}): run tqcheck models in a process of its own")
    return package


def _install_file(path: Path, meta: dict, *, replace: bool) -> int:
    from . import argos

    package = _argos_package()
    _check_replace(str(meta["from_code"]), str(meta["to_code"]), replace)
    package.install_from_path(path)
    return _report_installed(argos.packages_dir() / meta["_folder"])


def _report_installed(folder: Path) -> int:
    from . import argos

    for p in argos.scan(folder.parent)[0]:
        if p.path == folder:
            print(f"installed {p.pair} ({p.from_name} → {p.to_name}, version {p.version or '?'}) in {p.path}")
            return EXIT_OK
    raise TqcheckError(f"the package did not install as expected: no package in {folder}")


def reachable(url: str, timeout: float = INDEX_TIMEOUT_S) -> bool:
    """Can ``url`` be fetched now? A HEAD request with a short timeout. argostranslate's
    ``get_available_packages()`` must never run offline: it retries the download by recursion and
    gives up with a RecursionError after about 75 seconds."""
    import urllib.error
    import urllib.request

    try:
        req = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "tqcheck"})
        with urllib.request.urlopen(req, timeout=timeout):
            return True
    except urllib.error.HTTPError as exc:  # the server answered: the network is there
        return exc.code < 500
    except (OSError, ValueError):
        return False


def _install_from_index(from_code: str | None, to_code: str | None, *, replace: bool) -> int:
    package = _argos_package()
    from argostranslate import settings

    url = settings.remote_package_index
    if not reachable(url):
        raise TqcheckError(f"offline: cannot reach the package index ({url}); install a downloaded file "
                           "with tqcheck models install --from FILE.argosmodel")
    package.update_package_index()
    if not Path(settings.local_package_index).is_file():  # the download failed after all: no recursion
        raise TqcheckError(f"could not download the package index ({url})")
    candidates = [p for p in package.get_available_packages() if getattr(p, "type", "translate") == "translate"]
    match = [p for p in candidates if p.from_code == from_code and p.to_code == to_code]
    if not match:
        targets = sorted({p.to_code for p in candidates if p.from_code == from_code})
        also = f" (from {from_code}: {', '.join(targets)})" if targets else ""
        raise TqcheckError(f"the Argos index has no {from_code}→{to_code} package{also}")
    best = match[0]
    _check_replace(from_code or "", to_code or "", replace)
    print(f"downloading {from_code}→{to_code} version {best.package_version} ...", file=sys.stderr)
    try:
        downloaded = best.download()
    except Exception as exc:  # noqa: BLE001  argostranslate raises a bare Exception when every mirror fails
        raise TqcheckError(f"download failed: {exc}") from None
    meta = validate_package_file(Path(downloaded))
    package.install_from_path(downloaded)
    return _report_installed(Path(settings.package_data_dir) / meta["_folder"])
