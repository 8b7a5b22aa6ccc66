#!/usr/bin/env python3
"""The runtime's footprint on a phone CPU (REQ-EMB-010 .. 013), from the drop built for
Cortex-M4 by mk/dist.mk:

  footprint.py SIZE_A CALLGRAPH SIZES_NM [REPORT [MET]]

SIZE_A     `arm-none-eabi-size -A` of deskprov.o (the amalgamation, -Os)
CALLGRAPH  the .ci file gcc -fcallgraph-info=su wrote for it (frames and calls)
SIZES_NM   `arm-none-eabi-nm -S -t d` of an object whose symbols dp_sizeof_NAME are
           char arrays of sizeof(struct NAME)

Prints, and writes to REPORT: code (.text), read-only data, .data, .bss, the sizes of the
caller-provided structures, the deepest call path with each frame, recursion and indirect
calls; then one line per goal: `ok` or `gap` (a goal not met yet, with the numbers). It
exits non-zero when its inputs cannot be read, a frame is unbounded (dynamic stack), or a
goal listed in the file MET (one REQ ID per line, # comments: the goals once met, which must
stay met) is not met; the other goals are measured, and their gaps reported, not hidden.
"""
import re
import sys

GOALS = {
    "text": 32 * 1024,       # REQ-EMB-010: code, without crypto and TLS
    "ram": 8 * 1024,         # REQ-EMB-011: .data + .bss + the engine's context
    "stack": 1024,           # REQ-EMB-012: the deepest call path
}


def sections(path):
    out = {}
    for line in open(path):
        p = line.split()
        if len(p) >= 2 and p[0].startswith(".") and p[1].isdigit():
            out[p[0]] = out.get(p[0], 0) + int(p[1])
    return out


def graph(path):
    text = open(path).read()
    frames, kinds, edges = {}, {}, {}
    for m in re.finditer(r'node: \{ title: "([^"]+)" label: "([^"]*)"', text):
        f = re.search(r'\\n(\d+) bytes \((\w+)\)', m.group(2))
        if f:
            frames[m.group(1)] = int(f.group(1))
            kinds[m.group(1)] = f.group(2)
    for m in re.finditer(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"', text):
        edges.setdefault(m.group(1), set()).add(m.group(2))
    return frames, kinds, edges


def deepest(frames, edges):
    """The most expensive call path from any function, and the cycles met."""
    best, cycles, state = {}, set(), {}

    def visit(f):
        if state.get(f) == 2:
            return best[f]
        if state.get(f) == 1:
            cycles.add(f)
            return (0, [])
        state[f] = 1
        top = (0, [])
        for g in sorted(edges.get(f, ())):
            c = visit(g)
            if c[0] > top[0]:
                top = c
        state[f] = 2
        best[f] = (frames.get(f, 0) + top[0], [f] + top[1])
        return best[f]

    for f in sorted(set(frames) | set(edges)):
        visit(f)
    worst = max(best.values(), key=lambda c: c[0])
    return worst, cycles


def name(f):
    return f.split(":", 1)[1] if ":" in f else f


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sec = sections(sys.argv[1])
    frames, kinds, edges = graph(sys.argv[2])
    sizes = {}
    for line in open(sys.argv[3]):
        p = line.split()
        if len(p) == 4 and p[3].startswith("dp_sizeof_"):
            sizes[p[3][len("dp_sizeof_"):]] = int(p[1])
    text = sum(v for k, v in sec.items() if k.startswith(".text"))
    rodata = sum(v for k, v in sec.items() if k.startswith(".rodata"))
    data = sum(v for k, v in sec.items() if k.startswith(".data"))
    bss = sum(v for k, v in sec.items() if k.startswith(".bss"))
    (stack, path), cycles = deepest(frames, edges)
    dynamic = sorted(f for f, k in kinds.items() if k != "static")
    indirect = sorted(s for s, ts in edges.items() for t in ts if "indirect" in t)
    ram = data + bss + sizes.get("boot", 0)
    lines = [
        "footprint of the deskprov core for Cortex-M4 (arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffreestanding)",
        "  code (.text)            %6d bytes" % text,
        "  read-only data          %6d bytes (parameter table, diagnostic texts, lexer tables)" % rodata,
        "  .data + .bss            %6d bytes" % (data + bss),
        "  engine context          %6d bytes (struct dp_boot)" % sizes.get("boot", 0),
        "  caller-provided, not counted above:",
        "    parameter store       %6d bytes (struct dp_params)" % sizes.get("params", 0),
        "    compiled statement    %6d bytes each (struct dp_stmt)" % sizes.get("stmt", 0),
        "  deepest call path       %6d bytes of stack%s:" % (
            stack, " (a lower bound: the call graph has cycles)" if cycles else ""),
    ]
    for f in path:
        lines.append("    %5d  %s" % (frames.get(f, 0), name(f)))
    lines.append("  recursion: %s" % (", ".join(sorted(name(c) for c in cycles)) or "none"))
    lines.append("  indirect calls: %s" % (", ".join(indirect) or "none"))
    verdicts = [
        ("REQ-EMB-010", "code at most %d bytes" % GOALS["text"], text <= GOALS["text"], "%d" % text),
        ("REQ-EMB-011", "static data + context at most %d bytes" % GOALS["ram"], ram <= GOALS["ram"],
         "%d + %d + %d = %d" % (data, bss, sizes.get("boot", 0), ram)),
        ("REQ-EMB-012", "deepest stack at most %d bytes" % GOALS["stack"], stack <= GOALS["stack"], "%d" % stack),
        ("REQ-EMB-013", "no recursion, no indirect call", not cycles and not indirect,
         "%d cycles, %d indirect" % (len(cycles), len(indirect))),
    ]
    for req, what, ok, got in verdicts:
        lines.append("%-4s %s %s (measured: %s)" % ("ok" if ok else "gap", req, what, got))
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if len(sys.argv) > 4:
        open(sys.argv[4], "w").write(report)
    if dynamic:
        sys.exit("footprint: frames of unbounded size in %s" % ", ".join(dynamic))
    if len(sys.argv) > 5:
        met = {l.split("#")[0].strip() for l in open(sys.argv[5])} - {""}
        lost = [req for req, _, ok, _ in verdicts if req in met and not ok]
        if lost:
            sys.exit("footprint: goals met before are no longer met: %s (%s)"
                     % (", ".join(lost), sys.argv[5]))


if __name__ == "__main__":
    main()
