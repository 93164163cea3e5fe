/**
 * Writes the planning context of the schedule benchmark's week (workers, visits, beneficiaries, usual workers) as
 * JSON, for experiments on the problem builder without the database:
 *
 *   npx tsx bench/schedule/dump-context.ts OUT_DIR
 *
 * → OUT_DIR/subset.json (40 × 1,200) and OUT_DIR/demo.json (the demo organisation).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client';
import { createTenantScope } from '../../src/db/tenant-scope';
import { ensureDemoData } from '../../src/db/seed/ensure-demo-data';
import { createAuditService } from '../../src/features/audit/audit.service';
import { createCareService } from '../../src/features/care/care.service';
import * as repo from '../../src/features/schedule/schedule.repo';
import { periodBounds } from '../../src/features/schedule/shifts';
import { addDays, weekStartOf } from '../../src/shared/local-time';
import { seedSubset } from './run';

const outDir = process.argv[2] ?? '.tmp/schedule-context';
mkdirSync(outDir, { recursive: true });
const database = await openDatabase({});
await database.migrate();
await ensureDemoData(database.db, { seed: 1 });
const clock = { now: () => new Date() };
const care = createCareService({ db: database.db, audit: createAuditService({ db: database.db }), clock });
const demoCoordinator = await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'coordination@proxidom.test') });
const demoOrgId = demoCoordinator!.organisationId!;
const subsetOrgId = await seedSubset(database.db, demoOrgId, 40, 1200);
const fromDate = weekStartOf(new Date());
const toDate = addDays(fromDate, 6);
for (const [name, orgId] of [
  ['subset', subsetOrgId],
  ['demo', demoOrgId],
] as const) {
  const scope = createTenantScope(database.db, orgId);
  const { from, to } = periodBounds(fromDate, toDate);
  const workers = await care.listWorkersForPlanning(scope, { from, to });
  const visits = await repo.findVisitsBetween(scope, from, to);
  const beneficiaryIds = [...new Set(visits.map((v) => v.beneficiaryId))];
  const beneficiaries = await care.listBeneficiariesForPlanning(scope, beneficiaryIds);
  const usualWorkers = Object.fromEntries(await repo.findUsualWorkers(scope, beneficiaryIds, from));
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ fromDate, toDate, workers, visits, beneficiaries, usualWorkers }));
  console.log(`${name}: ${workers.length} workers, ${visits.length} visits`);
}
await database.close();
