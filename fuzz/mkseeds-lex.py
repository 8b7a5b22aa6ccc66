#!/usr/bin/env python3
"""Regenerates the lexer sweep seeds fuzz/corpus/{http,url,pem,boot}/lex-* (make fuzz-coverage,
issue 8).

The re2c lexers of runtime/gen (grammar/http.re, url.re, pem.re) are switch statements: llvm's
source-based coverage counts every `case` label of every DFA state as a line of its own, and a
label is covered only by an input with that very byte at that very state. libFuzzer does not
keep such inputs (they take no new edge), so these seeds are written here: for the states the
grammar gives (the prefixes of the keywords and markers, of IPv4 octets, of IPv6 groups, of
URL schemes, of status lines), every printable byte. The probes are packed so that one input
carries many:
  - http: up to 60 header lines per head, in interim responses, the final head and the
    trailer of a chunked body (the field-name lexer runs on each line);
  - url: a server list whose entries are all invalid (each ends in ":x", a bad port), so that
    dp_server_list lexes every one of them and none counts against DP_SERVERS_MAX;
  - pem: the lines the check goes past (text before a block) in one file; a marker line with
    something after it stops the check, so those are one a file;
  - boot: whole boots (fuzz/fuzz_boot.c) whose responses are redirects to reference probes
    (the scheme lexer) and status line probes, several per boot, five boots an input.
Of the probes, only those that reach code no earlier probe reached are kept: each is run
through the lexer or its caller, built here as a shared library with llvm's coverage counters
($CC, default clang-14), whose counters are read after each call. Each file stays within its
target's max_len (fuzz/fuzz_NAME.options). Deterministic. Run from the repository root:
    fuzz/mkseeds-lex.py
"""
import ctypes
import os
import subprocess
import tempfile

PRINTABLE = "".join(chr(c) for c in range(0x20, 0x7f))


def write(target, name, data):
    path = os.path.join("fuzz", "corpus", target, name)
    with open(path, "wb") as f:
        f.write(data)


def library(tmp, name, srcs):
    """srcs built into a shared library with coverage counters, and a view of the counters."""
    shim = os.path.join(tmp, "counters.c")
    with open(shim, "w") as f:
        f.write("extern char __start___llvm_prf_cnts[], __stop___llvm_prf_cnts[];\n"
                "char *cov_begin(void) { return __start___llvm_prf_cnts; }\n"
                "char *cov_end(void) { return __stop___llvm_prf_cnts; }\n")
    so = os.path.join(tmp, name + ".so")
    subprocess.check_call([os.environ.get("CC", "clang-14"), "-shared", "-fPIC", "-O0",
                           "-fprofile-instr-generate", "-fcoverage-mapping", "-Iruntime/include",
                           "-Iruntime/gen", "-Iruntime/core"] + srcs + [shim, "-o", so])
    lib = ctypes.CDLL(so)
    lib.cov_begin.restype = ctypes.c_void_p
    lib.cov_end.restype = ctypes.c_void_p
    return lib


def select(lib, cands, call):
    """The candidates, in order, that reach a counter none before them reached."""
    b, e = lib.cov_begin(), lib.cov_end()
    counters = memoryview((ctypes.c_uint64 * ((e - b) // 8)).from_address(b)).cast("B").cast("Q")
    seen, keep = set(), []
    for c in cands:
        ctypes.memset(b, 0, e - b)
        call(c)
        new = [i for i in range(len(counters)) if counters[i] and i not in seen]
        if new:
            seen.update(new)
            keep.append(c)
    return keep


def prefixes(words):
    out = []
    for w in words:
        for i in range(len(w) + 1):
            if w[:i] not in out:
                out.append(w[:i])
    return out


# ---- http: header field names (dp_http_lex_field) ------------------------------------------
def http(tmp):
    tchar = "!#$%&'*+.^_`|~-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    kws = ["content-length", "transfer-encoding", "location", "etag", "content-range"]
    probes = []
    for p in prefixes(kws):
        for c in tchar + ":":
            if c == ":" and (p in kws or p == ""):
                continue   # the keyword headers themselves (other seeds), an empty name
            probes.append(p + c + ("" if c == ":" else "z:") + " v")
    lib = library(tmp, "http", ["runtime/gen/http_lex.c", "runtime/core/dp_str.c"])
    value = ctypes.c_uint32()
    probes = select(lib, probes, lambda l: lib.dp_http_lex_field(l.encode(), len(l), ctypes.byref(value)))

    def lines(ls):
        return "".join(l + "\r\n" for l in ls)

    per, n = 60 * 5, 0   # 3 interim heads, the final head, the trailer
    for i in range(0, len(probes), per):
        blocks = [probes[i:i + per][j:j + 60] for j in range(0, per, 60)]
        blocks = [b for b in blocks if b]
        resp = ""
        while len(blocks) > 2:
            resp += "HTTP/1.1 100 Continue\r\n" + lines(blocks.pop(0)) + "\r\n"
        resp += ("HTTP/1.1 200 OK\r\n" + lines(blocks.pop(0)) +
                 "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n")
        if blocks:
            resp += lines(blocks.pop(0))
        resp += "\r\n"
        # byte 0: the whole response in one piece; byte 1: the largest body_max
        write("http", "lex-field-%02d" % n, b"\x00\x07" + resp.encode())
        n += 1
    # the status line's reason: every byte it may hold
    write("http", "lex-reason", b"\x00\x07HTTP/1.1 200 \t" + PRINTABLE.encode() +
          bytes(range(0x80, 0x100)) + b"\r\nContent-Length: 0\r\n\r\n")
    # ETag: one strong tag of every byte an entity tag may hold (too long: ignored), a weak one
    etagc = bytes([0x21]) + bytes(range(0x23, 0x7f)) + bytes(range(0x80, 0x100))
    for name, tag in (("lex-etag", b' \t"' + etagc + b'"\t '), ("lex-etag-weak", b'W/"' + etagc + b'"')):
        write("http", name, b"\x00\x07HTTP/1.1 200 OK\r\nETag:" + tag + b"\r\nContent-Length: 0\r\n\r\n")
    # every byte of the framing values: Content-Range, Transfer-Encoding, chunk sizes
    write("http", "lex-range", b"\x00\x07HTTP/1.1 206 Partial Content\r\n"
          b"Content-Range: \t BYTES 0123456789-0123456789/*\t \r\nContent-Length: 0\r\n\r\n")
    write("http", "lex-chunk", b"\x00\x07HTTP/1.1 200 OK\r\nTransfer-Encoding: \t CHUNKED \t\r\n\r\n"
          b"00000000000000000000001 \t;ext=\"q\";x\r\na\r\n00abcdefABCDEF\r\n")
    write("http", "lex-length", b"\x00\x07HTTP/1.1 200 OK\r\nContent-Length: \t 0000123456789 \t\r\n\r\n")


# ---- url: hosts, IPv4 and IPv6 literals (dp_url_lex_host, dp_url_lex_ip6) ------------------
def url(tmp):
    ip4 = ["0.0.0.0", "1.10.100.199", "2.20.200.249", "25.250.255.3", "9.99.199.255",
           "255.255.255.255", "192.168.202.76", "3.4.5.6"]
    host = prefixes(ip4 + ["a-b_c.d", "-", "_"])
    ip6 = ["[" + p for p in prefixes(["1:22:333:4444:a:bb:ccc:dddd]", "ABCD::EF01]", "a:b:c:d:e:f:1.2.3.4]",
                                      "::]"])]
    ip6 += ["[::" + p for p in prefixes(ip4)]   # an IPv4 address inside: the same octet states
    entries = []
    for p in host + ip6:
        for c in PRINTABLE:
            if c in ",":
                continue   # ends the entry: the prefix alone is another probe
            entries.append(p + c + ":x")
    lib = library(tmp, "url", ["runtime/core/dp_url.c", "runtime/gen/url_lex.c"])
    out = ctypes.create_string_buffer(1 << 16)
    entries = select(lib, entries, lambda e: lib.dp_server_list(e.encode(), len(e), 0, 0, out, 8))
    n, cur = 0, ""
    for e in entries:
        if len(cur) + len(e) + 1 > 1190:
            write("url", "lex-hosts-%02d" % n, b"\x00" + cur.encode())
            n, cur = n + 1, ""
        cur += ("," if cur else "") + e
    if cur:
        write("url", "lex-hosts-%02d" % n, b"\x00" + cur.encode())
    # paths, queries and fragments with every byte they may hold: byte 0 splits the input into
    # A, an absolute URL, and B, a reference resolved against it
    path = "/" + "".join(c for c in PRINTABLE if c not in " ?#") + \
           "?" + "".join(c for c in PRINTABLE if c not in " #") + "#" + PRINTABLE.strip()
    write("url", "lex-path", b"\x09http://h/" + path.encode())


# ---- pem: the lines of a TRUSTCERTS file (dp_pem_lex) ------------------------------------
def pem(tmp):
    """Lines near the markers, as text before a block (allowed): those the check goes past are
    packed in one file that ends with a block; a marker line with something after it ends the
    check at once: one a file."""
    lib = library(tmp, "pem", ["runtime/gen/pem_lex.c", "runtime/core/dp_pem.c"])
    end = ctypes.c_uint32()
    marks = ["-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----", "-----BEGIN X", "-----END X"]
    lines = [p + c for p in prefixes(marks) for c in PRINTABLE + "\t\r"]
    lines = select(lib, lines, lambda l: lib.dp_pem_lex(l.encode(), len(l), 0, ctypes.byref(end)))
    cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    r = ctypes.create_string_buffer(256)
    text = [l for l in lines if lib.dp_pem_check((l + "\n" + cert).encode(), len(l) + 1 + len(cert), r) == 0]
    write("pem", "lex-text.pem", ("\n".join(text) + "\n" + cert).encode())
    # the others: one a file (the check stops at the first of them)
    for k, l in enumerate(x for x in lines if x not in text):
        write("pem", "lex-mark-%02d.pem" % k, (l + "\n").encode())


# ---- boot: URL references (dp_url_lex_scheme) and status lines (dp_http_lex_status) ---------
def boot(tmp):
    """Whole boots (fuzz/fuzz_boot.c) whose responses are probes: a redirect whose Location is a
    reference probe (the scheme lexer runs on it), or a status line probe. A phone follows up
    to HTTP_REDIRECTS_MAX (5) redirects a file, so each server of a boot takes 5 references
    that resolve (to its own scheme), then a response that fails (a reference that does not
    resolve, or a status line probe with a bad Content-Length); then the next server (a TLS
    one, then two HTTP ones: fuzz/fuzz_boot.c), then the next boot. 64 responses an input."""
    lib = library(tmp, "ref", ["runtime/core/dp_url.c", "runtime/gen/url_lex.c", "runtime/gen/http_lex.c",
                             "runtime/core/dp_str.c"])
    span = ctypes.create_string_buffer(64)
    refs = [p + c for p in prefixes(["https://", "http://", "a+b.c-d:", "//"]) for c in PRINTABLE]
    refs += [p.upper() + c for p in prefixes(["https://", "http://"]) for c in PRINTABLE]
    refs = [r for r in refs if r.strip() == r and r]   # a header value loses its blanks
    refs = select(lib, refs, lambda r: lib.dp_url_lex_scheme(r.encode(), len(r), 0, span))
    status = [p + c for p in prefixes(["HTTP/1.1 200 OK", "HTTP/1.0 100 x", "HTTP/12.34", "HTTP/1.1 299 a"])
              if p.startswith("HTTP/") for c in PRINTABLE + "\t"]
    status = select(lib, status, lambda l: lib.dp_http_lex_status(l.encode(), len(l)))
    # which references resolve, against an https and an http base, to the same scheme
    bases, good = [], {}
    for b in ("https://192.0.2.1/prov/16xxupgrade.txt", "http://192.0.2.2/prov/16xxupgrade.txt"):
        u = ctypes.create_string_buffer(4096)
        assert lib.dp_url_parse(b.encode(), len(b), u) == 0
        bases.append(u)
    out = ctypes.create_string_buffer(4096)
    for r in refs:
        good[r] = []
        for k, u in enumerate(bases):
            ok = lib.dp_url_resolve(u, r.encode(), len(r), out) == 0 and out.raw[0] == 1 - k
            good[r].append(ok)

    def redirect(r):
        return ("HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % r).encode()

    def failing(l):
        return (l + "\r\nContent-Length: x\r\n\r\n").encode()

    refs_left, status_left = list(refs), list(status)
    n = 0
    while refs_left or status_left:
        resp = []
        for slot in range(15):   # 5 boots of 3 servers
            k = 0 if slot % 3 == 0 else 1
            for r in [r for r in refs_left if good[r][k]][:5]:
                refs_left.remove(r)
                resp.append(redirect(r))
            bad = [r for r in refs_left if not good[r][k]]
            if bad:
                refs_left.remove(bad[0])
                resp.append(redirect(bad[0]))
            elif status_left:
                resp.append(failing(status_left.pop(0)))
            else:
                break
            if len(resp) >= 58:
                break
        write("boot", "lex-refs-%02d" % n, b"\x05" + b"\n--8<--\n".join(resp))
        n += 1


if __name__ == "__main__":
    os.environ["LLVM_PROFILE_FILE"] = os.devnull   # the libraries write no profile
    with tempfile.TemporaryDirectory() as tmp:
        http(tmp)
        url(tmp)
        pem(tmp)
        boot(tmp)
