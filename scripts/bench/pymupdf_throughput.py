#!/usr/bin/env python3
"""The yardstick of issue #16: what a Python user writes in five lines. Per file:
open, render page 1 at 100 dpi to raw pixels (a Pixmap, RGB), read the text inside
the E-POST address window (x 20-105 mm, y 45-90 mm from the top-left), close.
`--png` also encodes the image as PNG (a second, labelled row of the bench: that
encode is not work a user's check needs). `--jobs N` uses N processes
(multiprocessing), like Postdesk's worker processes.

usage: pymupdf_throughput.py [--jobs N] [--png] DIR
prints {"files","pages","seconds","pages_per_sec","jobs"} as one JSON line.
"""
import json
import multiprocessing as mp
import os
import sys
import time

import pymupdf

PT_PER_MM = 72 / 25.4
WINDOW = pymupdf.Rect(20 * PT_PER_MM, 45 * PT_PER_MM, 105 * PT_PER_MM, 90 * PT_PER_MM)


PNG = False


def one(path):
    with pymupdf.open(path) as doc:
        page = doc[0]
        pix = page.get_pixmap(dpi=100)
        image = pix.tobytes("png") if PNG else pix.samples_mv
        text = page.get_text("text", clip=WINDOW)
        if len(image) == 0 or not text.strip():
            raise SystemExit(f"{path}: no image or no address")
        return 1


def main():
    args = sys.argv[1:]
    global PNG
    jobs = 1
    while args[:1] in (["--jobs"], ["--png"]):
        if args[0] == "--png":
            PNG, args = True, args[1:]
        else:
            jobs, args = int(args[1]), args[2:]
    d = args[0]
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".pdf"))
    start = time.perf_counter()
    if jobs == 1:
        pages = sum(one(f) for f in files)
    else:
        with mp.get_context("fork").Pool(jobs) as pool:
            pages = sum(pool.map(one, files, chunksize=max(1, len(files) // (jobs * 4))))
    secs = time.perf_counter() - start
    print(json.dumps({"files": len(files), "pages": pages, "seconds": round(secs, 4),
                      "pages_per_sec": round(pages / secs, 1), "jobs": jobs, "png": PNG}))


if __name__ == "__main__":
    main()
