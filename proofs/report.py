#!/usr/bin/env python3
"""Write the auditors' proof report (proofs/REPORT.md) from the results of `make proofs`.

    proofs/report.py OUT.md

Reads what the proof rail left in the build folder (mk/proofs.mk passes the folders and the
file lists in the environment): for each WP file its cmdline, wp.log, wp.json and summary
(proofs/wp.sh); for each EVA harness its cmdline, eva.log and summary (proofs/eva.sh); the
SPIN results (proofs/spin.sh) and the broken-flow cases (tests/spin/run.sh). The
assumptions come from proofs/README.md, the requirement lines from spec/requirements.md, the
claims from spec/boot.fsm. Fails when a result is missing: the report only describes a run
that passed.
"""
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache

ENV = os.environ
MODE = ENV.get("PROOFS_MODE", "full")
WP_DIR = ENV["WP_DIR"]
EVA_DIR = ENV["EVA_DIR"]
SPIN_DIR = ENV["SPIN_DIR"]
GATED = ENV["WP_GATED"].split()
PENDING = ENV.get("WP_PENDING", "").split()
# partly proven: pending files some functions of which are proved (WP_FCTS_<stem>)
PARTIAL = {src: ENV.get("WP_FCTS_" + os.path.basename(src)[:-2], "").split()
           for src in ENV.get("WP_PARTIAL", "").split()}
HARNESSES = ENV["EVA_HARNESSES"].split()
# the per-function results of the files a full run or an update proved, committed, so that
# an update (make proofs-update) can carry over the files it does not prove again
WP_RESULTS = "proofs/wp-results.json"
PROVERS = ("Qed", "CVC4", "Z3")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def run(cmd):
    """The first line a tool prints about its version, or 'not found'."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError:
        return "not found"
    text = (out.stdout + out.stderr).strip().splitlines()
    return text[0].strip() if text else "?"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---- WP -------------------------------------------------------------------------------

GOAL = re.compile(r"^\[wp\] \[(?P<prover>[A-Za-z0-9]+)[^\]]*\] Goal typed_(?P<goal>\S+) : "
                  r"(?P<verdict>\w+)(?P<rest>.*)$")
SMOKE = re.compile(r"^\[wp\] \[Passed\] Smoke-test typed_(?P<goal>\S+)$")
PAREN = re.compile(r"\(([^()]*)\)")


def seconds(text):
    """'40ms' or '1.2s' -> seconds."""
    m = re.fullmatch(r"([0-9.]+)(ms|s)", text)
    if not m:
        return None
    return float(m.group(1)) / (1000.0 if m.group(2) == "ms" else 1.0)


def owner(goal, functions):
    """The function a goal belongs to: the longest function name that prefixes it."""
    best = ""
    for f in functions:
        if goal.startswith(f + "_") and len(f) > len(best):
            best = f
    return best or "(file)"


@lru_cache(maxsize=None)
def committed_results():
    """proofs/wp-results.json, read once."""
    return json.loads(read(WP_RESULTS)) if os.path.exists(WP_RESULTS) else {}


def carried(src, key):
    """A file an update did not prove again: its results from the run that proved it."""
    f = committed_results().get(src)
    if not f or f["key"] != key:
        sys.exit("report: %s was carried over (its key is in the record) but %s has no "
                 "results for that key: run make proofs" % (src, WP_RESULTS))
    per = defaultdict(lambda: defaultdict(float))
    for name, counters in f["per"].items():
        per[name].update(counters)
    return dict(f, per=per, total=defaultdict(float, f["total"]), replayed=False,
                carried=True)


def wp_file(src):
    """Per-function results of one file: {function: counters}, and the file's totals."""
    d = os.path.join(WP_DIR, src[:-2])
    if os.path.exists(os.path.join(d, "replayed")):
        if MODE == "update":
            return carried(src, read(os.path.join(d, "replayed")).strip())
        summary = read(os.path.join(d, "summary")).split()
        # not proved again: the committed record of the full run stands for it
        total = defaultdict(float, proved=int(summary[1]), goals=int(summary[2]),
                            smoke=int(summary[4]), steps=int(summary[6]))
        return {"per": {}, "total": total, "secs": 0, "hyp": [], "cmd": "",
                "sha": sha256(src), "replayed": True, "carried": False}
    # the file's run, and the -wp-split run of some of its functions in d/split (WP_SPLIT_*
    # in mk/proofs.mk), which count with it
    runs = [d] + ([os.path.join(d, "split")] if os.path.isdir(os.path.join(d, "split")) else [])
    summaries = [read(os.path.join(r, "summary")).split() for r in runs]
    functions = [f for r in runs for f in json.loads(read(os.path.join(r, "wp.json"))).get("wp:functions", {})]
    log = "\n".join(read(os.path.join(r, "wp.log")) for r in runs)
    per = defaultdict(lambda: defaultdict(float))
    for line in log.splitlines():
        m = GOAL.match(line)
        if m:
            f = per[owner(m.group("goal"), functions)]
            f["goals"] += 1
            f["proved"] += m.group("verdict") == "Valid"
            f[m.group("prover")] += 1
            parens = PAREN.findall(m.group("rest"))
            if "cached" in parens:
                f["cached"] += 1
            times = [seconds(p) for p in parens if not p.startswith("Qed:")]
            f["time"] += sum(t for t in times if t is not None)
            steps = [int(p) for p in parens if p.isdigit()]
            if steps:
                f["steps"] = max(f["steps"], steps[0])
            continue
        m = SMOKE.match(line)
        if m:
            f = per[owner(m.group("goal"), functions)]
            f["goals"] += 1
            f["proved"] += 1
            f["smoke"] += 1
    total = defaultdict(float)
    for counters in per.values():
        for k, v in counters.items():
            total[k] = max(total[k], v) if k == "steps" else total[k] + v
    declared = (sum(int(x[1]) for x in summaries), sum(int(x[2]) for x in summaries))
    if (int(total["proved"]), int(total["goals"])) != declared:
        sys.exit("report: %s: the log lists %d/%d goals, the summary %d/%d"
                 % (src, total["proved"], total["goals"], declared[0], declared[1]))
    hypotheses = re.findall(r"Memory model hypotheses for function '?(\w+)", log)
    return {
        "per": per, "total": total, "secs": sum(int(x[3]) for x in summaries), "hyp": hypotheses,
        "cmd": read(os.path.join(d, "cmdline")).strip().replace(os.getcwd() + "/", ""),
        "sha": sha256(src), "replayed": False, "carried": False,
        "key": read(os.path.join(d, "record")).split()[1],
    }


def write_results(files):
    """The per-function results of every file, for the next update to carry over."""
    keep = ("key", "per", "total", "secs", "hyp", "cmd", "sha")
    results = {src: {k: f[k] for k in keep} for src, f in files.items()}
    with open(WP_RESULTS + ".tmp", "w", encoding="utf-8") as out:
        json.dump(results, out, indent=1, sort_keys=True)
        out.write("\n")
    os.replace(WP_RESULTS + ".tmp", WP_RESULTS)


def n(x):
    return str(int(x))


def wp_section(out, files):
    goals = sum(f["total"]["goals"] for f in files.values())
    smoke = sum(f["total"]["smoke"] for f in files.values())
    proved_now = {s: f for s, f in files.items() if not f["replayed"] and not f["carried"]}
    shown = {s: f for s, f in files.items() if not f["replayed"]}
    prover_goals = sum(f["total"]["CVC4"] + f["total"]["Z3"] for f in proved_now.values())
    cached = sum(f["total"]["cached"] for f in proved_now.values())
    out.append("## WP: every function's contract and the absence of runtime errors\n")
    if MODE == "full":
        out.append("**Full run**: every goal that Qed (WP's simplifier) did not close was sent "
                   "to the provers; no answer was taken from a cache. %d goals went to a "
                   "prover. The run wrote `proofs/wp-record.txt` (the key of each file's "
                   "inputs and its counts) and `proofs/wp-cache.txt` (the provers' answers), "
                   "which `make proofs-check` replays.\n" % prover_goals)
    elif MODE == "update":
        out.append("**Update** (`make proofs-update`). %d of %d files were proved in this run, "
                   "every goal that Qed did not close sent to the provers (%d goals). The "
                   "other %d were carried over: the key of their inputs (the file, every "
                   "header it includes, `proofs/wp.sh`, the prover limits and the tool "
                   "versions) is the one recorded by the run that proved them, so their "
                   "results, answers and per-function tables below are that run's (marked "
                   "\"carried over\"). `make proofs` proves every file.\n"
                   % (len(proved_now), len(files), prover_goals, len(files) - len(proved_now)))
    else:
        out.append("**Replay** (`make proofs-check`, what `make check` runs). %d of %d files "
                   "were not proved again: the key of their inputs (the file, every header it "
                   "includes, `proofs/wp.sh`, the prover limits and the tool versions) is the one "
                   "recorded in `proofs/wp-record.txt` by the run that proved them (`make "
                   "proofs` or `make proofs-update`), so their counts are that run's. The other %d files were proved in this run: of their %d goals "
                   "that needed a prover, %d were answered by `proofs/wp-cache.txt` (looked up "
                   "by a hash of the goal's whole prover task, so a changed goal cannot reuse an "
                   "old answer) and %d by the provers. `make proofs` proves every file and "
                   "sends every goal to the provers; its report is `proofs/REPORT.md`.\n"
                   % (len(files) - len(proved_now), len(files), len(proved_now), prover_goals,
                      cached, prover_goals - cached))
    out.append("%d files, **%d of %d goals proved** (%d of them smoke tests: no contradictory "
               "precondition or loop invariant). Prover limits: %s steps, %s s (a safety net; "
               "steps decide), `-wp-par %s`.\n"
               % (len(files), sum(f["total"]["proved"] for f in files.values()), goals, smoke,
                  ENV.get("WP_STEPS", "?"), ENV.get("WP_TIMEOUT", "?"), ENV.get("WP_PAR", "?")))
    out.append("| file | sha256 (first 16) | goals | proved | Qed | CVC4 | Z3 | smoke | "
               "from cache | wall time | most steps |")
    out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for src, f in files.items():
        t = f["total"]
        label = "`%s`" % src + (" (%d functions only)" % len(PARTIAL[src]) if src in PARTIAL else "")
        if f["replayed"]:
            out.append("| %s | `%s` | %s | %s | replayed | — | — | %s | — | — | %s |"
                       % (label, f["sha"][:16], n(t["goals"]), n(t["proved"]), n(t["smoke"]),
                          n(t["steps"])))
            continue
        out.append("| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %d s%s | %s |"
                   % (label, f["sha"][:16], n(t["goals"]), n(t["proved"]), n(t["Qed"]),
                      n(t["CVC4"]), n(t["Z3"]), n(t["smoke"]), n(t["cached"]), f["secs"],
                      " (carried over)" if f["carried"] else "", n(t["steps"])))
    out.append("")
    if not shown:
        out.append("Per-function results are in the full run's report, `proofs/REPORT.md`.\n")
        return
    src0, f0 = next(iter(shown.items()))
    out.append("The command of each file is that of `proofs/wp.sh` (here for `%s`):\n" % src0)
    out.append("```\n%s\n```\n" % f0["cmd"])
    out.append("### Per function\n")
    out.append("Prover time is the sum over the function's goals of the time the prover "
               "reported (for cached goals, the time of the run that filled the cache).\n")
    for src, f in shown.items():
        out.append("<details><summary><code>%s</code>: %d functions%s</summary>\n" %
                   (src, len([k for k in f["per"] if k != "(file)"]),
                    " (carried over)" if f["carried"] else ""))
        out.append("| function | goals | proved | Qed | CVC4 | Z3 | smoke | prover time | most steps |")
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
        for name in sorted(f["per"]):
            c = f["per"][name]
            out.append("| `%s` | %s | %s | %s | %s | %s | %s | %.2f s | %s |"
                       % (name, n(c["goals"]), n(c["proved"]), n(c["Qed"]), n(c["CVC4"]),
                          n(c["Z3"]), n(c["smoke"]), c["time"], n(c["steps"])))
        out.append("\n</details>\n")


# ---- EVA ------------------------------------------------------------------------------

def eva_section(out):
    out.append("## EVA: the generated lexers and parsers (re2c, Lemon), and public entry points\n")
    out.append("WP cannot read re2c's and Lemon's output; EVA analyses it from one harness "
               "per entry point in `proofs/eva/`, with the same `-warn-*` flags. The "
               "harnesses named `*_api` start from a public entry point of the runtime and "
               "analyse everything it calls, hand-written and generated code alike. The bound "
               "is the largest input every harness enumerates exhaustively (every byte value "
               "at every position); longer inputs are covered by the fuzzers only.\n")
    out.append("| harness | analysed with | bound | alarms | statements reached | "
               "clauses EVA cannot decide (pre / post) | time |")
    out.append("|---|---|---|--:|---|--:|--:|")
    for h in HARNESSES:
        d = os.path.join(EVA_DIR, h)
        alarms, pre, post, secs = read(os.path.join(d, "summary")).split()
        log = read(os.path.join(d, "eva.log"))
        m = re.search(r"(\d+) statements reached \(out of (\d+)\)", log)
        reach = "%s of %s" % (m.group(1), m.group(2)) if m else "?"
        bound = "`%s`" % ENV.get("EVA_DEFS_" + h, "")
        if ENV.get("EVA_OPTS_" + h):
            bound += ", `%s`" % ENV["EVA_OPTS_" + h]
        # a replay (make check) takes an unchanged harness's result from the full run
        secs = "%s s%s" % (secs, "" if not log.startswith("replayed:") else
                            " (carried over)" if MODE == "update" else " (replayed)")
        out.append("| `proofs/eva/%s.c` | %s | %s | %s | %s | %s / %s | %s |"
                   % (h, ", ".join("`%s`" % s for s in ENV.get("EVA_SRCS_" + h, "").split()),
                      bound, alarms, reach, pre, post, secs))
        if alarms != "0":
            sys.exit("report: EVA harness %s has %s alarms" % (h, alarms))
    out.append("\nStatements not reached are those no input within the bound reaches (for "
               "example the states of a lexer that need more bytes) and the error paths the "
               "harness's contract stubs never take. The clauses EVA cannot decide are "
               "listed in the Assumptions below.\n")
    first = HARNESSES[0]
    out.append("The command (here for `%s`):\n\n```\n%s\n```\n"
               % (first, read(os.path.join(EVA_DIR, first, "cmdline")).strip()))


# ---- SPIN -----------------------------------------------------------------------------

def fsm_properties():
    """{claim: (description, [REQ ids])} from spec/boot.fsm."""
    props = {}
    covers = []
    for line in read("spec/boot.fsm").splitlines():
        if line.startswith("# covers "):
            covers = line.split()[2:]
            continue
        m = re.match(r'property (\w+) "([^"]*)"', line)
        if m:
            props[m.group(1)] = (m.group(2), covers)
            covers = []
    return props


def spin_section(out, props):
    out.append("## SPIN: the properties of the boot flow\n")
    out.append("dpgen compiles `spec/boot.fsm` into the engine's transition function "
               "(`runtime/gen/boot_fsm.c`, whose WP contract says it implements exactly the "
               "spec's transitions) and into a Promela model (`proofs/gen/boot_fsm.pml`) in which "
               "the environment sends any event in any order and sets the guards freely. SPIN "
               "checks each claim by exhaustive search (`pan -a`, no partial-order reduction, "
               "depth limit %s); a search that does not complete fails the run.\n"
               % ENV.get("SPIN_DEPTH", "100000"))
    out.append("| claim | property | errors | states stored | depth reached | result |")
    out.append("|---|---|--:|--:|--:|---|")
    seen = set()
    for line in read(os.path.join(SPIN_DIR, "results")).splitlines():
        name, errors, states, depth = line.split()
        seen.add(name)
        result = "holds" if errors == "0" else "VIOLATED"
        out.append("| `%s` | %s | %s | %s | %s | %s |"
                   % (name, props.get(name, ("?", []))[0], errors, states, depth, result))
        if errors != "0":
            sys.exit("report: SPIN claim %s is violated" % name)
    missing = set(props) - seen
    if missing:
        sys.exit("report: SPIN checked no claim %s" % ", ".join(sorted(missing)))
    cases = sorted(os.listdir(os.path.join(os.path.dirname(SPIN_DIR), "spin-broken")))
    out.append("\nThe model is checked to catch bugs: each broken flow of `tests/spin/` (%s) "
               "is compiled by dpgen and SPIN must report exactly the claims it names as "
               "violated (`make spin-broken-test`).\n" % ", ".join("`%s`" % c for c in cases))


# ---- Assumptions, traceability ---------------------------------------------------------

def readme_section(title_prefix):
    """A ### section of proofs/README.md, without its heading."""
    text = read("proofs/README.md")
    m = re.search(r"^### %s[^\n]*\n(.*?)(?=^#{2,3} |\Z)" % re.escape(title_prefix), text,
                  re.M | re.S)
    if not m:
        sys.exit("report: proofs/README.md has no section '### %s'" % title_prefix)
    return m.group(1).strip()


def port_functions():
    names = []
    for h in sorted(os.listdir("runtime/include")):
        if h.startswith("dp_port") and h.endswith(".h"):
            text = read(os.path.join("runtime/include", h))
            names += ["`%s` (%s)" % (f, h) for f in
                      sorted(set(re.findall(r"\b(dp_port_\w+)\s*\(", text)))]
    return names


def assumptions_section(out, files):
    out.append("## Assumptions, and what is not covered\n")
    out.append("- **Not yet proven by WP** (`WP_PENDING` in `mk/proofs.mk`): %s. An auditor "
               "should treat these files as unverified: they are covered by the tests and the "
               "fuzzers only.\n" % ", ".join("`%s`" % p for p in PENDING))
    for src, fcts in PARTIAL.items():
        out.append("- **Partly proven**: in `%s`, WP proves %d functions (%s), each against "
                   "the contracts of the functions it calls, some of which are not yet proven; "
                   "the file's other functions are not proven (`WP_FCTS_%s` in "
                   "`mk/proofs.mk`).\n" % (src, len(fcts), ", ".join("`%s`" % f for f in fcts),
                                          os.path.basename(src)[:-2]))
    hyp = sorted({h for f in files.values() for h in f["hyp"]})
    out.append("- **Memory-model hypotheses** WP states for %s (separation from file-local "
               "constant tables; see below).\n" % (", ".join("`%s`" % h for h in hyp) or "no function"))
    out.append("- **Port functions**: their ACSL contracts in `runtime/include/dp_port*.h` are "
               "trusted, not proved (the port is the firmware team's code): %s.\n"
               % ", ".join(port_functions()))
    out.append("- **Generated lexers and parsers** are proved free of runtime errors by EVA "
               "only on inputs up to the bounds above; WP uses their contracts. The `*_api` "
               "harnesses, too, hold only up to their bounds: past them, the hand-written code "
               "they analyse rests on its WP proof, and the generated code on the fuzzers.\n")
    out.append("From `proofs/README.md`:\n")
    out.append(readme_section("Assumptions") + "\n")


def functional_section(out):
    out.append("## Functional properties\n")
    out.append("From `proofs/README.md`: each property auditors asked for, and the tool that "
               "establishes it (or the tests that check it where no proof does yet).\n")
    out.append(readme_section("Functional properties") + "\n")


def traceability_section(out, files, props):
    out.append("## Traceability: requirements to tests and proofs\n")
    out.append("A requirement is named by a test when its ID appears in a test, fuzzer or "
               "benchmark (`scripts/req-trace.sh`); by a proof when its ID appears in a "
               "WP-proven runtime file (the code that implements it, whose contracts are "
               "proved) or in the `# covers` line of a SPIN claim.\n")
    reqs = re.findall(r"^- \*\*(REQ-[A-Z]+-\d{3})\*\* (.*)$", read("spec/requirements.md"), re.M)
    named = defaultdict(set)
    for top in ("tests", "fuzz", "bench"):
        for root, _, names in os.walk(top):
            for name in names:
                path = os.path.join(root, name)
                try:
                    text = read(path)
                except (UnicodeDecodeError, OSError):
                    continue
                for rid in set(re.findall(r"REQ-[A-Z]+-\d{3}", text)):
                    named[rid].add(path)
    proven = defaultdict(set)
    for src in files:
        if src in PARTIAL:
            continue   # the file's REQ lines may lie in its functions not yet proven
        for rid in set(re.findall(r"REQ-[A-Z]+-\d{3}", read(src))):
            proven[rid].add("WP `%s`" % os.path.basename(src))
    for claim, (_, covers) in props.items():
        for rid in covers:
            proven[rid].add("SPIN `%s`" % claim)
    untested = [r for r, _ in reqs if not named[r]]
    out.append("%d requirements; %d named by a test, %d by a proof. Not named by any test: "
               "%s.\n" % (len(reqs), len(reqs) - len(untested),
                          len([r for r, _ in reqs if proven[r]]),
                          ", ".join(untested) or "none"))
    out.append("| requirement | tests | proofs |")
    out.append("|---|---|---|")
    for rid, text in reqs:
        tests = sorted(named[rid])
        shown = ", ".join("`%s`" % t for t in tests[:4]) + (" +%d" % (len(tests) - 4) if len(tests) > 4 else "")
        out.append("| **%s** %s | %s | %s |" % (rid, re.sub(r"\s*\*\(source:.*$", "", text)[:90]
                                               .replace("|", "\\|") + "…",
                                               shown or "—", ", ".join(sorted(proven[rid])) or "—"))
    out.append("")


# ---- The report -----------------------------------------------------------------------

def main():
    dest = sys.argv[1]
    files = {src: wp_file(src) for src in GATED + list(PARTIAL)}
    props = fsm_properties()
    commit = run(["git", "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "runtime"],
                           capture_output=True, text=True, check=False).stdout.strip()
    out = [
        "<!-- Generated by make proofs (proofs/report.py). DO NOT EDIT: run make proofs. -->",
        "# deskprov: proof report\n",
        "What `make proofs` proved about the runtime that `make dist` ships "
        "(`runtime/core`, `runtime/gen`), with which tools, and under which assumptions. "
        "`proofs/README.md` explains how each check works; `make proofs-gui WP_FILE=FILE` "
        "opens a file's goals in the Frama-C GUI.\n",
        "## The run\n",
        "- Mode: **%s** (see the WP section)." % MODE,
        "- Sources: commit `%s`%s; each proved file's SHA-256 is in the WP table, so the "
        "report can be checked against any tree." % (commit, " with uncommitted changes under runtime/" if dirty else ""),
        "- Machine: %s, %s, %d cores." % (platform.system(), platform.machine(), os.cpu_count() or 0),
        "",
        "| tool | version |",
        "|---|---|",
        "| Frama-C (WP, RTE, EVA) | %s |" % run(["frama-c", "-version"]),
        "| Why3 | %s |" % run(["why3", "--version"]),
        "| CVC4 | %s |" % run(["cvc4", "--version"]),
        "| Z3 | %s |" % run(["z3", "--version"]),
        "| SPIN | %s |" % run(["spin", "-V"]),
        "| C compiler for SPIN's pan | %s |" % run([ENV.get("CC", "cc"), "--version"]),
        "",
        "| check | result |",
        "|---|---|",
        "| WP | %d files, %d of %d goals proved |" % (
            len(files), sum(f["total"]["proved"] for f in files.values()),
            sum(f["total"]["goals"] for f in files.values())),
        "| WP, not yet proven | %s |" % (", ".join(
            "`%s`" % p + (" (but %d functions)" % len(PARTIAL[p]) if p in PARTIAL else "")
            for p in PENDING) or "none"),
        "| EVA | %d harnesses, 0 alarms |" % len(HARNESSES),
        "| SPIN | %d claims hold |" % len(props),
        "",
    ]
    wp_section(out, files)
    if MODE in ("full", "update"):
        write_results(files)
    eva_section(out)
    spin_section(out, props)
    functional_section(out)
    assumptions_section(out, files)
    traceability_section(out, files, props)
    with open(dest + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(dest + ".tmp", dest)
    print("proofs: wrote %s (%s run)" % (dest, MODE))


if __name__ == "__main__":
    main()
