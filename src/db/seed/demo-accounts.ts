/** The demo accounts that exist whenever demo data is on (DESIGN.md, « Contracts that checks rely on »). */
import type { Role } from '../../domain/access';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'proxidom-demo';

export interface DemoAccount {
  email: string;
  role: Role;
  /** French display name. */
  displayName: string;
}

/** The intervenant@ account is the worker of the demo organisation with this name. */
export const DEMO_WORKER_NAME = { firstName: 'Élodie', lastName: 'Marchand' } as const;

export const demoAccounts: readonly DemoAccount[] = [
  { email: 'famille@proxidom.test', role: 'household', displayName: 'Sophie Lefèvre' },
  { email: 'admin@proxidom.test', role: 'provider_admin', displayName: 'Nathalie Rousseau' },
  { email: 'coordination@proxidom.test', role: 'coordinator', displayName: 'Karima Benali' },
  {
    email: 'intervenant@proxidom.test',
    role: 'worker',
    displayName: `${DEMO_WORKER_NAME.firstName} ${DEMO_WORKER_NAME.lastName}`,
  },
  { email: 'territoire@proxidom.test', role: 'territory_admin', displayName: 'Olivier Fontaine' },
  { email: 'lab@proxidom.test', role: 'innovator', displayName: 'Camille Perrin' },
];
