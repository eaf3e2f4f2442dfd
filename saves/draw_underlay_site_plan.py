#!/usr/bin/env python3
"""Draws saves/underlay_site_plan.png: a made-up aerial-style plan of a mining site (county road, access
road, fence, substation yard, three hall roofs, a cleared pad, a pond, trees, a transmission line) for the
example project saves/underlay_site_plan.ron. Needs numpy only; run from anywhere:

    python3 saves/draw_underlay_site_plan.py

Shapes are placed in site metres and drawn through the same calibration the project file gives the image
(origin (-40, -70) m, 0.5 m per pixel, turned 3 degrees), so the halls in the picture sit under the
halls of the plan once Powerplot applies that calibration.
"""

import math
import struct
import zlib
from pathlib import Path

import numpy as np

WIDTH, HEIGHT = 1800, 1200
ORIGIN = (-40.0, -70.0)
METRES_PER_PIXEL = 0.5
ROTATION_DEG = 3.0

# Image pixel centre -> site metres: origin + mpp * R(rotation) * (px, py), as in src/model/underlay.rs.
px, py = np.meshgrid(np.arange(WIDTH) + 0.5, np.arange(HEIGHT) + 0.5)
c, s = math.cos(math.radians(ROTATION_DEG)), math.sin(math.radians(ROTATION_DEG))
X = ORIGIN[0] + METRES_PER_PIXEL * (px * c - py * s)
Y = ORIGIN[1] + METRES_PER_PIXEL * (px * s + py * c)

image = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)


def fill(mask, rgb):
    image[mask] = rgb


def rect(x, y, w, h):
    return (X >= x) & (X < x + w) & (Y >= y) & (Y < y + h)


def outline(x, y, w, h, width):
    return rect(x - width, y - width, w + 2 * width, h + 2 * width) & ~rect(x, y, w, h)


def disc(cx, cy, r):
    return (X - cx) ** 2 + (Y - cy) ** 2 < r * r


def segment(x0, y0, x1, y1, width):
    dx, dy = x1 - x0, y1 - y0
    t = np.clip(((X - x0) * dx + (Y - y0) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return (X - x0 - t * dx) ** 2 + (Y - y0 - t * dy) ** 2 < (width / 2) ** 2


# Farmland around the site, in ploughed strips 12 m wide.
fill(np.ones_like(X, dtype=bool), (150, 160, 110))
fill((np.floor(X / 12) % 2) == 0, (140, 152, 102))
# The site inside the fence: compacted gravel.
fill(rect(0, 0, 800, 500), (196, 188, 170))
# County road along the north side, with a dashed centre line.
fill(rect(-200, -45, 1200, 12), (70, 72, 76))
fill(rect(-200, -39.5, 1200, 1) & ((np.floor(X / 6) % 2) == 0), (230, 200, 60))
# Access road from the county road through the gate, and the site's internal road.
fill(rect(384, -33, 12, 283), (88, 90, 94))
fill(rect(20, 238, 760, 12), (88, 90, 94))
fill(rect(20, 60, 12, 180), (88, 90, 94))
# Substation yard: fenced gravel with three transformers and a control house.
fill(rect(30, 40, 90, 70), (168, 166, 160))
fill(outline(30, 40, 90, 70, 1.0), (60, 60, 60))
for i in range(3):
    fill(rect(40 + 26 * i, 52, 14, 12), (90, 96, 104))
fill(rect(40, 86, 30, 16), (220, 220, 214))
# Transmission line coming in from the north-west, with tower pads.
fill(segment(-120, -140, 75, 40, 1.2), (40, 40, 40))
for t in (0.0, 0.33, 0.66):
    cx, cy = -120 + t * 195, -140 + t * 180
    fill(rect(cx - 3, cy - 3, 6, 6), (50, 50, 50))
# Three mining halls: pale roofs with a ridge and rows of exhaust fans.
for y in (40, 120, 290):
    fill(rect(160, y, 200, 50), (226, 228, 230))
    fill(rect(160, y + 24, 200, 2), (180, 182, 186))
    fill(rect(164, y + 4, 192, 42) & ((np.floor(X / 8) % 2) == 0) & ~rect(160, y + 20, 200, 10), (205, 208, 212))
# The cleared pad east of the halls, marked out for the new GPU pod and its coolers.
fill(rect(460, 50, 190, 160), (214, 206, 186))
fill(outline(470, 60, 160, 60, 0.8) & ((np.floor((X + Y) / 4) % 2) == 0), (200, 90, 40))
fill(outline(470, 150, 90, 50, 0.8) & ((np.floor((X + Y) / 4) % 2) == 0), (200, 90, 40))
# Car park by the gate, with bays.
fill(rect(420, 290, 80, 40), (110, 112, 116))
fill(rect(420, 290, 80, 40) & ((np.floor(X / 5) % 2) == 0) & ((Y < 296) | (Y > 324)), (210, 210, 210))
# A retention pond and trees along the south and east fences.
fill(disc(680, 380, 48), (64, 110, 150))
fill(disc(680, 380, 48) & ~disc(680, 380, 44), (120, 140, 110))
for i in range(26):
    fill(disc(20 + 30 * i, 520 + 6 * math.sin(i), 9 + (i % 3)), (58, 96, 54))
for i in range(12):
    fill(disc(826 + 5 * math.cos(i), 40 + 36 * i, 10), (58, 96, 54))
# The fence along the site boundary.
fill(outline(0, 0, 800, 500, 1.2), (50, 50, 50))
fill(rect(380, -1.5, 20, 3), (88, 90, 94))  # the gate


def write_png(path, rgb):
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    path.write_bytes(png)


out = Path(__file__).with_name("underlay_site_plan.png")
write_png(out, image)
print(f"wrote {out} ({out.stat().st_size} bytes)")
