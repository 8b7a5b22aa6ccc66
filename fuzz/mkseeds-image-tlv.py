#!/usr/bin/env python3
"""Regenerates fuzz/corpus/image/tlv-*: one image for each refusal of the header's structure
(spec/image.md, "The order of the checks", steps 1 and 2, then the signature and the
payload's hash), made by rewriting the TLV fields of the signed seed
fuzz/corpus/image/accept-app.img (fuzz/mkseeds-image.sh). No key is needed: every check these
reach comes before the signature's, or breaks it. Byte 0 of each file seeds the chunking
(fuzz/fuzz_image.c). Run from the repository root:  fuzz/mkseeds-image-tlv.py
"""
import os
import struct

OUT = os.path.join("fuzz", "corpus", "image")


def parse(img):
    """(prefix, [(tag, value)], payload) of an image."""
    hlen = struct.unpack(">I", img[6:10])[0]
    fields, at = [], 10
    while at < hlen:
        tag, n = img[at], struct.unpack(">H", img[at + 1:at + 3])[0]
        fields.append((tag, img[at + 3:at + 3 + n]))
        at += 3 + n
    return img[:10], fields, img[hlen:]


def build(fields, payload, magic=b"DPIM", version=1, hlen=None):
    body = b"".join(bytes([t]) + struct.pack(">H", len(v)) + v for t, v in fields)
    if hlen is None:
        hlen = 10 + len(body)
    return magic + struct.pack(">H", version) + struct.pack(">I", hlen) + body + payload


def main():
    with open(os.path.join(OUT, "accept-app.img"), "rb") as f:
        seed = f.read()[1:]
    _, fields, payload = parse(seed)
    sig = [f for f in fields if f[0] == 255]
    rest = [f for f in fields if f[0] != 255]

    def without(tag):
        return [f for f in rest if f[0] != tag] + sig

    def replaced(tag, value):
        return [(t, value if t == tag else v) for t, v in rest] + sig

    first = rest[0]

    def overrun(fields, payload):
        img = bytearray(build(fields, payload))
        at = 10
        while img[at] != 10:   # the first CERT field
            at += 3 + struct.unpack(">H", bytes(img[at + 1:at + 3]))[0]
        n = struct.unpack(">H", bytes(img[at + 1:at + 3]))[0]
        img[at + 1:at + 3] = struct.pack(">H", min(n + 1000, 2048))
        return bytes(img)
    cases = {
        "tlv-bad-magic": build(fields, payload, magic=b"DPIX"),
        "tlv-bad-version": build(fields, payload, version=2),
        "tlv-header-short": build(fields, payload, hlen=10),
        "tlv-header-huge": build(fields, payload, hlen=0x7fffffff),
        # a certificate field whose length (within its type's bounds) runs past the header
        "tlv-overrun": overrun(fields, payload),
        "tlv-unknown-field": build([(99, b"x")] + fields, payload),
        "tlv-field-length": build(replaced(1, b"\x02\x02"), payload),
        "tlv-repeated": build([first] + fields, payload),
        "tlv-missing-counter": build(without(4), payload),
        "tlv-sig-not-last": build(fields + [(1, b"\x02")], payload),
        "tlv-bad-kind": build(replaced(1, b"\x07"), payload),
        "tlv-bad-alg": build(replaced(9, b"\x07"), payload),
        "tlv-bad-filename": build(replaced(2, b"bad name/x"), payload),
        "tlv-bad-signature": build(rest + [(255, bytes([sig[0][1][0] ^ 1]) + sig[0][1][1:])], payload),
        "tlv-bad-hash": build(fields, payload[:-1] + bytes([payload[-1] ^ 1])),
        "tlv-short-payload": build(fields, payload[:-1]),
        "tlv-truncated-prefix": build(fields, payload)[:7],
    }
    for name, img in cases.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(b"\x05" + img)


if __name__ == "__main__":
    main()
