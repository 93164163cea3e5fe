import { Route } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { ActivityPage } from './ActivityPage';
import { BeneficiaryLedgerPage, HouseholdLedgerPage } from './LedgerView';
import { RoundPage } from './RoundPage';
import { TelegestionPage } from './TelegestionPage';

const staff = ['provider_admin', 'coordinator'] as const;

/** Télégestion (the worker's round and activity, the coordinator's review) and the care-plan ledger. */
export const telegestionRoutes = [
  <Route key="intervenant-tournee" path="intervenant/tournee" element={<RequireRole roles={['worker']}><RoundPage /></RequireRole>} />,
  <Route key="intervenant-activite" path="intervenant/activite" element={<RequireRole roles={['worker']}><ActivityPage /></RequireRole>} />,
  <Route key="structure-telegestion" path="structure/telegestion" element={<RequireRole roles={[...staff]}><TelegestionPage /></RequireRole>} />,
  <Route key="structure-releve" path="structure/beneficiaires/:id/releve" element={<RequireRole roles={[...staff]}><BeneficiaryLedgerPage /></RequireRole>} />,
  <Route key="foyer-releve" path="foyer/releve" element={<RequireRole roles={['household']}><HouseholdLedgerPage /></RequireRole>} />,
];
