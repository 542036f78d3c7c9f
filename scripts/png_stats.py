#!/usr/bin/env python3
"""Is a PNG blank? Count its colours and its non-white pixels (zlib only, no packages).

    png_stats.py FILE [--min-colors N] [--min-ink FRACTION]

Prints `FILE: WxH, N colours, F non-white` and exits 1 when there are fewer than
N colours or a smaller fraction F of pixels that are not (near) white.
Reads 8-bit non-interlaced greyscale, RGB and RGBA PNGs (what Chromium writes).
"""
import argparse
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or interlace or ctype not in (0, 2, 6):
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {ctype}, interlace {interlace}")
    bpp = {0: 1, 2: 3, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--min-colors", type=int, default=16)
    ap.add_argument("--min-ink", type=float, default=0.02)
    a = ap.parse_args()
    w, h, bpp, rows = pixels(a.file)
    colors, ink = set(), 0
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x : x + 3] if bpp >= 3 else row[x : x + 1] * 3
            colors.add(px)
            if min(px) < 240:
                ink += 1
    frac = ink / (w * h)
    print(f"{a.file}: {w}x{h}, {len(colors)} colours, {frac:.3f} non-white")
    if len(colors) < a.min_colors or frac < a.min_ink:
        print(f"{a.file}: blank (want at least {a.min_colors} colours and {a.min_ink} non-white)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
