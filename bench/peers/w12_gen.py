#!/usr/bin/python3
"""Writes W12's input (WORKLOADS.md): 10^6 rows a,b,c,d,e; row i: i/1000, sin(i), cos(i),
i mod 7, sqrt(i), six decimals. Usage: w12_gen.py PATH (not committed; about 43 MB)."""
import math
import sys

N = 10**6
with open(sys.argv[1], "w") as f:
    f.write("a,b,c,d,e\n")
    f.writelines("%.6f,%.6f,%.6f,%.6f,%.6f\n" % (i / 1000, math.sin(i), math.cos(i), i % 7, math.sqrt(i))
                 for i in range(1, N + 1))
