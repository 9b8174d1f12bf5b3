#!/usr/bin/env python3
"""PyMuPDF doing the same per-file work as Postdesk's throughput bench: open, render
page 1 at 100 dpi and encode it as PNG, read the text inside the E-POST address
window (x 20-105 mm, y 45-90 mm from the top-left). `--jobs N` uses N processes
(multiprocessing), like Postdesk's worker processes.

usage: pymupdf_throughput.py [--jobs N] DIR
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


def one(path):
    with pymupdf.open(path) as doc:
        page = doc[0]
        png = page.get_pixmap(dpi=100).tobytes("png")
        text = page.get_text("text", clip=WINDOW)
        if not png or not text.strip():
            raise SystemExit(f"{path}: no image or no address")
        return 1


def main():
    args = sys.argv[1:]
    jobs = 1
    if args[:1] == ["--jobs"]:
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
                      "pages_per_sec": round(pages / secs, 1), "jobs": jobs}))


if __name__ == "__main__":
    main()
