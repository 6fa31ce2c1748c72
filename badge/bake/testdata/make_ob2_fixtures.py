#!/usr/bin/env python3
"""Writes the hand-made Open Badges 2.0 baked fixtures in this directory.

The chunks are assembled byte by byte with Python's zlib.crc32, an
implementation independent of the Go code under test. Run from this
directory: python3 make_ob2_fixtures.py
"""
import struct, zlib

SIG = b"\x89PNG\r\n\x1a\n"

def chunk(typ, data):
    return struct.pack(">I", len(data)) + typ + data + struct.pack(">I", zlib.crc32(typ + data) & 0xffffffff)

def png(*extra):
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit grey
    idat = zlib.compress(b"\x00\x80")                    # filter 0, one grey pixel
    return SIG + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + b"".join(extra) + chunk(b"IEND", b"")

# The assertion of the Open Badges 2.0 Baking Specification's SVG example
# (ob_v2p0/baking/index.md), as compact JSON.
assertion = open("ob2-assertion.json", "rb").read().strip()

def itxt(keyword, text, flag=0):
    if flag:
        text = zlib.compress(text)
    return chunk(b"iTXt", keyword + b"\x00" + bytes([flag, 0]) + b"\x00\x00" + text)

open("ob2-itxt-json.png", "wb").write(png(itxt(b"openbadges", assertion)))
# Pre-2013 ("legacy") baking: a tEXt chunk holding the hosted assertion URL.
open("ob2-text-url.png", "wb").write(png(chunk(b"tEXt", b"openbadges\x00https://example.org/assertions/123")))
# An OB 3.0 credential chunk next to an OB 2.0 one: extraction prefers 3.0.
open("ob3-and-ob2.png", "wb").write(png(
    itxt(b"openbadges", assertion),
    itxt(b"openbadgecredential", open("simple.json", "rb").read().strip())))
# A compressed credential chunk (forbidden by the spec, tolerated on extract).
open("ob3-compressed.png", "wb").write(png(itxt(b"openbadgecredential", open("simple.json", "rb").read().strip(), flag=1)))
# Two credential chunks (forbidden).
cred = open("simple.json", "rb").read().strip()
open("ob3-duplicate.png", "wb").write(png(itxt(b"openbadgecredential", cred), itxt(b"openbadgecredential", cred)))
