#!/usr/bin/env python3
"""The runtime drop (REQ-EMB-015): the proven runtime as one C file and one header.

  amalgamate.py OUTDIR        writes OUTDIR/deskprov.h and OUTDIR/deskprov.c
  amalgamate.py --check OUTDIR
                              takes OUTDIR/deskprov.[ch] apart again and checks that every
                              piece is, byte for byte, the file of the repository it came
                              from (the files `make proofs` proves), that no file of the
                              runtime is missing, and that between the pieces there is only
                              what this script writes

deskprov.h holds the public headers (runtime/include, runtime/gen), deskprov.c the internal
headers (runtime/core/*.h) and every C file of runtime/core and runtime/gen, SQLite style:
each file appears verbatim between two marker lines, except that its `#include "..."` lines
(the headers are all in the amalgamation already) are turned into comments:

    /* amalgamation: #include "dp_boot.h" */   (a comment after it stays after it)

Static functions that two files define under the same name are renamed for the whole
translation unit by a `#define NAME FILE__NAME` before the file and an `#undef` after it,
so that the files themselves are not edited. The output is deterministic.

The functions the internal headers declare are the runtime's own: nothing outside
deskprov.c may call them. deskprov.c declares them `static` before the internal headers
(whose own declarations then have internal linkage too, C99 6.2.2), so that the compiler
inlines the ones called once and keeps no out-of-line copy of them (REQ-EMB-010), again
without editing a file. A declaration that names a type an internal header defines stays
as it is, since that type is not declared yet at that point.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = "/* ==== amalgamation: begin %s ==== */\n"
END = "/* ==== amalgamation: end %s ==== */\n"
INCLUDE = re.compile(r'^#include "([^"]+)"(.*)$')
COMMENTED = re.compile(r'^/\* amalgamation: (#include "[^"]+") \*/(.*)$')
STATIC_FN = re.compile(r'^static [^=;(]*?\b([A-Za-z_][A-Za-z0-9_]*)\(', re.M)


def rel(path):
    return os.path.relpath(path, ROOT)


def files(folder, ext):
    d = os.path.join(ROOT, folder)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(ext))


def includes(path):
    with open(path, encoding="latin-1") as f:
        return [m.group(1) for m in (INCLUDE.match(l) for l in f) if m]


def header_order(headers):
    """The headers, each after those it includes (a depth-first topological order)."""
    by_name = {os.path.basename(h): h for h in headers}
    done, order = set(), []

    def visit(h, stack):
        if h in done:
            return
        if h in stack:
            sys.exit("amalgamate: include cycle through %s" % rel(h))
        for inc in includes(h):
            if inc in by_name:
                visit(by_name[inc], stack | {h})
        done.add(h)
        order.append(h)

    for h in sorted(headers):
        visit(h, set())
    return order


def piece(path, known):
    """The file with its #include "x" lines commented (x must be in the amalgamation)."""
    out = []
    with open(path, encoding="latin-1", newline="") as f:
        text = f.read()
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        m = INCLUDE.match(body)
        if m:
            if m.group(1) not in known:
                sys.exit("amalgamate: %s includes %s, which is not in the amalgamation"
                         % (rel(path), m.group(1)))
            line = '/* amalgamation: #include "%s" */%s%s' % (m.group(1), m.group(2), line[len(body):])
        out.append(line)
    if not text.endswith("\n"):
        sys.exit("amalgamate: %s does not end with a newline" % rel(path))
    return "".join(out)


def sources():
    public = header_order(files("runtime/include", ".h") + files("runtime/gen", ".h"))
    internal = header_order(files("runtime/core", ".h"))
    cfiles = files("runtime/core", ".c") + files("runtime/gen", ".c")
    return public, internal, cfiles


def collisions(cfiles):
    """Static function names defined by more than one C file: {file: [names]}."""
    seen = {}
    for c in cfiles:
        with open(c, encoding="latin-1") as f:
            for name in sorted(set(STATIC_FN.findall(f.read()))):
                seen.setdefault(name, []).append(c)
    out = {}
    for name, where in seen.items():
        if len(where) > 1:
            for c in where:
                out.setdefault(c, []).append(name)
    return out


COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
PROTO = re.compile(r"^([A-Za-z_][A-Za-z0-9_ \t*]*?[ \t*])([A-Za-z_][A-Za-z0-9_]*)\(([^;{}()]*)\);",
                   re.M)
TYPE_DEF = re.compile(r"^(?:struct|enum|union)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{", re.M)


def code(path):
    """The file without its comments and preprocessor lines."""
    with open(path, encoding="latin-1") as f:
        text = COMMENTS.sub(" ", f.read())
    return "\n".join(l for l in text.split("\n") if not l.lstrip().startswith("#"))


def internal_statics(internal, cfiles):
    """`static` declarations of the functions the internal headers declare and the runtime's
    C files define, but those that name a type an internal header defines."""
    own_types = set()
    for h in internal:
        own_types.update(TYPE_DEF.findall(code(h)))
    defined = "\n".join(code(c) for c in cfiles)
    out = []
    for h in internal:
        for m in PROTO.finditer(code(h)):
            decl = " ".join(m.group(0).split())
            if any(re.search(r"\b%s\b" % t, decl) for t in own_types):
                continue
            if not re.search(r"^[^\s][^;{}]*\b%s\([^;{}]*\)\s*\{" % m.group(2), defined, re.M):
                continue
            out.append("static " + decl + "\n")
    return out


def prefix(path):
    return re.sub(r"[^A-Za-z0-9]", "_", os.path.splitext(os.path.basename(path))[0])


BANNER = """/*
 * deskprov %s: the amalgamation of the deskprov runtime (scripts/amalgamate.py).
 * DO NOT EDIT: generated by `make dist` from the files named in the markers below, which
 * appear verbatim but for their #include "..." lines, turned into comments (every header
 * is in this drop already). `scripts/amalgamate.py --check DIR` checks it. Build it with
 * any C99 compiler; no re2c, Lemon or dpgen is needed. docs/porting.md says how to embed it.
 */
"""


def build():
    """The texts of deskprov.h and deskprov.c, and the number of functions made static."""
    public, internal, cfiles = sources()
    known = {os.path.basename(h) for h in public + internal}
    ren = collisions(cfiles)
    h = [BANNER % "deskprov.h", "#ifndef DESKPROV_H\n#define DESKPROV_H\n"]
    for p in public:
        h += [BEGIN % rel(p), piece(p, known), END % rel(p)]
    h.append("#endif /* DESKPROV_H */\n")
    c = [BANNER % "deskprov.c", '#include "deskprov.h"\n']
    statics = internal_statics(internal, cfiles)
    c += ["/* amalgamation: the internal headers' functions, internal to this file */\n"] + statics
    for p in internal:
        c += [BEGIN % rel(p), piece(p, known), END % rel(p)]
    for p in cfiles:
        names = ren.get(p, [])
        c += ["#define %s %s__%s\n" % (n, prefix(p), n) for n in names]
        c += [BEGIN % rel(p), piece(p, known), END % rel(p)]
        c += ["#undef %s\n" % n for n in names]
    return {"deskprov.h": "".join(h), "deskprov.c": "".join(c)}, len(public), len(internal), \
        len(cfiles), sum(len(v) for v in ren.values()), len(statics)


def write(outdir):
    texts, public, internal, cfiles, renamed, statics = build()
    os.makedirs(outdir, exist_ok=True)
    for name, text in texts.items():
        with open(os.path.join(outdir, name), "w", encoding="latin-1", newline="") as f:
            f.write(text)
    print("amalgamate: %s/deskprov.h (%d headers), deskprov.c (%d headers, %d C files, %d renamed statics, "
          "%d internal functions made static)"
          % (outdir, public, internal, cfiles, renamed, statics))


def check(outdir):
    public, internal, cfiles = sources()
    want = {rel(p) for p in public + internal + cfiles}
    got = set()
    for name in ("deskprov.h", "deskprov.c"):
        with open(os.path.join(outdir, name), encoding="latin-1", newline="") as f:
            lines = f.read().splitlines(keepends=True)
        cur, buf = None, []
        for line in lines:
            if line.startswith("/* ==== amalgamation: begin "):
                cur, buf = line[len("/* ==== amalgamation: begin "):-len(" ==== */\n")], []
            elif cur is not None and line == END % cur:
                text = "".join(COMMENTED.sub(r"\1\2", l.rstrip("\n")) + l[len(l.rstrip("\n")):]
                               for l in buf)
                with open(os.path.join(ROOT, cur), encoding="latin-1", newline="") as f:
                    if f.read() != text:
                        sys.exit("amalgamate --check: %s in %s differs from the repository's" % (cur, name))
                got.add(cur)
                cur = None
            elif cur is not None:
                buf.append(line)
    if got != want:
        sys.exit("amalgamate --check: missing %s, unexpected %s"
                 % (sorted(want - got), sorted(got - want)))
    # and between the pieces, only what this script writes: the banners, the renames, the
    # static declarations (nothing else may change what the proven files mean)
    texts = build()[0]
    for name, text in texts.items():
        with open(os.path.join(outdir, name), encoding="latin-1", newline="") as f:
            if f.read() != text:
                sys.exit("amalgamate --check: %s differs from what amalgamate.py makes of the "
                         "repository's files" % name)
    print("amalgamate --check: %d files of runtime/ found verbatim in %s (includes aside)"
          % (len(got), outdir))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) == 2:
        write(sys.argv[1])
    else:
        sys.exit(__doc__)
