#!/bin/sh
# The full VRPTW benchmark campaign, one process at a time (the machine is shared).
# Results are appended per instance to bench/optimizer/results/*.csv, so a cut run keeps its rows.
set -u
cd "$(dirname "$0")/../.."
R=bench/optimizer/results
run() { npx tsx bench/optimizer/run.ts "$@"; }
run --set solomon --time vroom --out $R/solomon-distance-vroomcpu.csv
run --set homberger --time vroom --out $R/homberger-distance-vroomcpu.csv
run --set all --time 1 --out $R/all-distance-1s.csv
run --set all --time 10 --out $R/all-distance-10s.csv
run --set homberger --time 60 --out $R/homberger-distance-60s.csv
run --set solomon --time 60 --out $R/solomon-distance-60s.csv
