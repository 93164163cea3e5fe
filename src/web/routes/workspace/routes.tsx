import { Route } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { WorkerDayPage, WorkerWeekPage } from '../worker/WorkerSchedulePages';
import { BeneficiariesPage } from './BeneficiariesPage';
import { BeneficiaryNewPage } from './BeneficiaryNewPage';
import { BeneficiaryPage } from './BeneficiaryPage';
import { PlanningPage } from './PlanningPage';
import { SectorsPage } from './SectorsPage';
import { WorkerPage } from './WorkerPage';
import { WorkersPage } from './WorkersPage';

const staff = ['provider_admin', 'coordinator'] as const;

/**
 * The provider's workspace (beneficiaries, workers, the schedule board) and the worker's own view.
 * Listed before the role home pages in App.tsx: `/intervenant` is « Ma journée ».
 */
export const workspaceRoutes = [
  ...(
    [
      ['structure/beneficiaires', <BeneficiariesPage />],
      ['structure/beneficiaires/nouveau', <BeneficiaryNewPage />],
      ['structure/beneficiaires/:id', <BeneficiaryPage />],
      ['structure/intervenants', <WorkersPage />],
      ['structure/intervenants/:id', <WorkerPage />],
      ['structure/planning', <PlanningPage />],
      ['structure/secteurs', <SectorsPage />],
    ] as const
  ).map(([path, page]) => (
    <Route key={path} path={path} element={<RequireRole roles={[...staff]}>{page}</RequireRole>} />
  )),
  <Route
    key="intervenant"
    path="intervenant"
    element={
      <RequireRole roles={['worker']}>
        <WorkerDayPage />
      </RequireRole>
    }
  />,
  <Route
    key="intervenant-semaine"
    path="intervenant/semaine"
    element={
      <RequireRole roles={['worker']}>
        <WorkerWeekPage />
      </RequireRole>
    }
  />,
];
