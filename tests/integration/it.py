#!/usr/bin/env python3
"""Test-only helpers of the integration tests (tests/integration/run.sh).

  it.py state DIR
      Decodes the phone's state folder on its own (not through the runtime): the newest
      valid copy of each record (magic, kind, CRC-32 and sequence number checked as
      REQ-SET-008/009 describe), printed as NAME=value lines: meta.active, meta.trial,
      meta.boots, meta.min_counter, bankN.valid/kind/counter/size/name, meta.bootname,
      meta.appname, meta.blocked, part.bank/off/name/etag (a resume point), meta.seq,
      settings.seq, set.PARAM for each stored parameter, and certs.len and certs.sha256
      for the stored certificate set (TRUSTCERTS).

  it.py canned PORTFILE REQLOG SPEC...
      A one-connection-at-a-time HTTP responder on 127.0.0.1 (an ephemeral port, written
      to PORTFILE) for what lighttpd cannot be made to send. Connection i reads the request
      head, appends it to REQLOG, then answers by SPEC i (the last SPEC for every later
      connection):
        FILE          the bytes of FILE, as they are (status line, head and body), then close
        hang:SECS     send nothing, close after SECS seconds
        trickle:FILE:BYTES:SECS   FILE in pieces of BYTES every SECS seconds, then close
"""
import hashlib
import os
import socket
import struct
import sys
import time
import zlib


def newest(folder, base, kind):
    best = None
    for slot in (0, 1):
        try:
            with open(os.path.join(folder, "%s.%d" % (base, slot)), "rb") as f:
                d = f.read()
        except FileNotFoundError:
            continue
        if len(d) < 18 or d[:4] != b"DPNV" or d[4] != kind or d[5] != 1:
            continue
        seq, n = struct.unpack(">II", d[6:14])
        if n > len(d) - 18:
            continue
        if struct.unpack(">I", d[14 + n:18 + n])[0] != zlib.crc32(d[:14 + n]) & 0xffffffff:
            continue
        if best is None or (seq - best[0]) & 0xffffffff < 0x80000000:
            best = (seq, d[14:14 + n])
    return best


def state(folder):
    out = []
    m = newest(folder, "meta", 0)
    if m:
        seq, p = m
        at = [0]

        def byte():
            at[0] += 1
            return p[at[0] - 1]

        def u32():
            at[0] += 4
            return struct.unpack(">I", p[at[0] - 4:at[0]])[0]

        def name():
            n = byte()
            at[0] += n
            return p[at[0] - n:at[0]].decode("latin-1")

        out.append("meta.seq=%d" % seq)
        out.append("meta.active=%d" % (byte() & 1))
        out.append("meta.trial=%d" % byte())
        out.append("meta.boots=%d" % byte())
        out.append("meta.min_counter=%d" % u32())
        for k in (0, 1):
            out.append("bank%d.valid=%d" % (k, byte()))
            out.append("bank%d.kind=%s" % (k, {1: "boot", 2: "app"}.get(byte(), "none")))
            out.append("bank%d.counter=%d" % (k, u32()))
            hi = u32()
            out.append("bank%d.size=%d" % (k, (hi << 32) | u32()))
            out.append("bank%d.name=%s" % (k, name()))
        out.append("meta.bootname=%s" % name())
        out.append("meta.appname=%s" % name())
        out.append("meta.blocked=%s" % name())
        if at[0] < len(p):   # a resume point (REQ-DL-027)
            out.append("part.bank=%d" % (byte() & 1))
            hi = u32()
            out.append("part.off=%d" % ((hi << 32) | u32()))
            out.append("part.name=%s" % name())
            out.append("part.etag=%s" % name())
    s = newest(folder, "settings", 1)
    if s:
        seq, p = s
        out.append("settings.seq=%d" % seq)
        at = 0
        while at < len(p):
            n = p[at]
            nm = p[at + 1:at + 1 + n].decode("latin-1")
            at += 1 + n
            vl = (p[at] << 8) | p[at + 1]
            at += 2
            if n == 0:   # the certificate set (REQ-SEC-010)
                out.append("certs.len=%d" % vl)
                out.append("certs.sha256=%s" % hashlib.sha256(p[at:at + vl]).hexdigest())
            else:
                out.append("set.%s=%s" % (nm, p[at:at + vl].decode("latin-1")))
            at += vl
    print("\n".join(out))


def canned(portfile, reqlog, specs):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    i = 0
    while True:
        c, _ = srv.accept()
        spec = specs[min(i, len(specs) - 1)]
        i += 1
        c.settimeout(10)
        head = b""
        try:
            while b"\r\n\r\n" not in head and len(head) < 65536:
                d = c.recv(4096)
                if not d:
                    break
                head += d
        except OSError:
            pass
        with open(reqlog, "ab") as f:
            f.write(head + b"----\n")
        try:
            if spec.startswith("hang:"):
                time.sleep(float(spec[5:]))
            elif spec.startswith("trickle:"):
                _, path, step, secs = spec.split(":")
                with open(path, "rb") as f:
                    d = f.read()
                for k in range(0, len(d), int(step)):
                    c.sendall(d[k:k + int(step)])
                    time.sleep(float(secs))
            else:
                with open(spec, "rb") as f:
                    c.sendall(f.read())
        except OSError:
            pass
        try:
            c.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        c.close()


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "state":
        state(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "canned":
        canned(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
