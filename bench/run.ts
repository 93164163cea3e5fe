// `npm run bench [-- <suite> [options]]`: runs one benchmark suite, or all of them with their default,
// quick settings. Each suite prints its figures; docs/BENCHMARKS.md records them with machine and date.
const suites: Record<string, () => Promise<(args: string[]) => Promise<unknown>>> = {
  optimizer: async () => (await import('./optimizer/run')).runOptimizerBench,
  directory: async () => (await import('./directory/run')).runDirectoryBench,
  board: async () => (await import('./board/run')).runBoardBench,
  schedule: async () => (await import('./schedule/run')).runScheduleBench,
  billing: async () => (await import('./billing/run')).runBillingBench,
  telegestion: async () => (await import('./telegestion/run')).runTelegestionBench,
};

const [suiteName, ...args] = process.argv.slice(2);
const selected = suiteName ? [suiteName] : Object.keys(suites);
for (const suite of selected) {
  const load = suites[suite];
  if (!load) {
    console.error(`Unknown benchmark suite "${suite}". Suites: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${suite} ${args.join(' ')}`);
  await (await load())(suiteName ? args : []);
}

export {};
