"""Print the glibc floor of a bundle: the newest GLIBC_x.y symbol version any of its ELF files requires.

    python packaging/glibc_floor.py dist/passerelle [--json]

Reads the version references with `objdump -p` (binutils). The floor is the oldest glibc a target
machine may have for every library in the bundle to load.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

GLIBC_RE = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def required_glibc(path: Path) -> tuple[int, ...]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    refs = out.split("Version References:", 1)
    versions = [tuple(int(g) for g in m.groups() if g) for m in GLIBC_RE.finditer(refs[1])] if len(refs) == 2 else []
    return max(versions, default=())


def floor(bundle: Path) -> tuple[str, list[tuple[str, str]]]:
    """(floor version, the files that need it)."""
    needs: dict[Path, tuple[int, ...]] = {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            version = required_glibc(path)
            if version:
                needs[path] = version
    top = max(needs.values())
    text = ".".join(map(str, top))
    return text, sorted((str(p.relative_to(bundle)), text) for p, v in needs.items() if v == top)


def main() -> int:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("dist/passerelle")
    version, files = floor(bundle)
    if "--json" in sys.argv:
        print(json.dumps({"glibc_floor": version, "files": [f for f, _ in files]}))
    else:
        print(f"glibc floor of {bundle}: {version}, required by {len(files)} file(s):")
        for name, _ in files[:15]:
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
