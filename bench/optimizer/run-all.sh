#!/bin/sh
# The whole benchmark campaign, one process at a time (the machine is shared). Time limits are CPU
# time of the process (bench/optimizer/clock.ts). Results are appended per instance and a rerun
# resumes where it stopped. The long sets run interleaved by family, so that a run cut short still
# covers every family evenly.
set -u
cd "$(dirname "$0")/../.."
R=bench/optimizer/results
run() { npx tsx bench/optimizer/run.ts "$@"; }
run --set solomon --time vroom --out $R/solomon-distance-vroomcpu.csv
run --set homberger --time vroom --out $R/homberger-distance-vroomcpu.csv
run --set all --time 1 --out $R/all-distance-1s.csv
run --set realistic --time 60
# 60 s on a sample (the first instances of each family, interleaved; Homberger first): the full set
# needs ~2 h of CPU and we had a fraction of a core.
run --set homberger --time 60 --interleave --filter "$(cat bench/optimizer/sample-60s.txt)" --out $R/all-distance-60s.csv
run --set solomon --time 60 --interleave --filter "$(cat bench/optimizer/sample-60s.txt)" --out $R/all-distance-60s.csv
run --set hhc --time 1 --out $R/hhc-1s.csv
run --set solomon --objective hierarchical --time 5 --interleave --out $R/solomon-hierarchical-5s.csv
# The full campaigns (all 116 instances, families interleaved), distance-only and hierarchical
# (fixed cost per vehicle). They can run side by side: limits are CPU time.
run --set all --time 10 --interleave --out $R/all-distance-10s.csv
run --set all --objective hierarchical --time 10 --interleave --out $R/all-hierarchical-10s.csv
run --set all --time 60 --interleave --out $R/all-distance-60s.csv
run --set all --objective hierarchical --time 60 --interleave --out $R/all-hierarchical-60s.csv
