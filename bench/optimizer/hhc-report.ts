/** Markdown summary of a home-care benchmark result file (see hhc.ts). */
import { existsSync, readFileSync } from 'node:fs';

export function summariseHhcMarkdown(file: string): string {
  if (!existsSync(file)) return '_no results yet_\n';
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const fams = [...new Set(rows.map((r) => r[0]!))];
  const out = [
    '| family | instances | feasible (checker) | visits assigned | all visits assigned | best-known has zero tardiness and we assign all: instances, mean distance gap % | mean Mankowska objective (ours / best-known), where both exist |',
    '|---|---|---|---|---|---|---|',
  ];
  const mean = (x: number[]): string =>
    x.length ? (x.reduce((a, b) => a + b, 0) / x.length).toFixed(2) : '–';
  for (const fam of fams) {
    const rs = rows.filter((r) => r[0] === fam);
    const n = rs.length;
    const feas = rs.filter((r) => r[10] === 'true').length;
    const visits = rs.reduce((s, r) => s + Number(r[2]), 0);
    const assigned = rs.reduce((s, r) => s + Number(r[3]), 0);
    const full = rs.filter((r) => Number(r[2]) === Number(r[3]));
    const zt = full.filter((r) => r[8] === '0' && r[7] !== '');
    const gaps = zt.map((r) => (100 * (Number(r[5]) - Number(r[7]))) / Number(r[7]));
    const withCost = full.filter((r) => r[9] !== '');
    out.push(
      `| ${fam} | ${n} | ${feas}/${n} | ${assigned} / ${visits} | ${full.length}/${n} | ${zt.length}: ${mean(gaps)} | ${mean(withCost.map((r) => Number(r[6])))} / ${mean(withCost.map((r) => Number(r[9])))} (${withCost.length}) |`,
    );
  }
  return out.join('\n') + '\n';
}
