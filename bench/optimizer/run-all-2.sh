#!/bin/sh
# Benchmark campaign (second version: resumes the first, adds the hierarchical objective, the
# home-care sets, and runs the 60 s set interleaved by family so that a cut run covers all families).
# One process at a time (the machine is shared). Results are appended per instance and resumed.
set -u
cd "$(dirname "$0")/../.."
R=bench/optimizer/results
run() { npx tsx bench/optimizer/run.ts "$@"; }
run --set solomon --time vroom --out $R/solomon-distance-vroomcpu.csv
run --set homberger --time vroom --out $R/homberger-distance-vroomcpu.csv
run --set all --time 1 --out $R/all-distance-1s.csv
run --set all --time 10 --out $R/all-distance-10s.csv
run --set solomon --objective hierarchical --time 10 --out $R/solomon-hierarchical-10s.csv
run --set realistic --time 60
run --set hhc --time 1 --out $R/hhc-1s.csv
run --set all --time 60 --interleave --out $R/all-distance-60s.csv
