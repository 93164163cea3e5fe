import { Route } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { HouseholdRequestPage, HouseholdRequestsPage } from './HouseholdRequestsPages';
import { NewRequestPage } from './NewRequestPage';
import { ProviderRequestsPage } from './ProviderRequestsPage';

/** Households ask (list, new need, one request with its quotes), providers answer (inbox). */
export const requestRoutes = [
  <Route
    key="foyer-demandes"
    path="foyer/demandes"
    element={
      <RequireRole roles={['household']}>
        <HouseholdRequestsPage />
      </RequireRole>
    }
  />,
  <Route
    key="foyer-demandes-nouvelle"
    path="foyer/demandes/nouvelle"
    element={
      <RequireRole roles={['household']}>
        <NewRequestPage />
      </RequireRole>
    }
  />,
  <Route
    key="foyer-demande"
    path="foyer/demandes/:id"
    element={
      <RequireRole roles={['household']}>
        <HouseholdRequestPage />
      </RequireRole>
    }
  />,
  <Route
    key="structure-demandes"
    path="structure/demandes"
    element={
      <RequireRole roles={['provider_admin', 'coordinator']}>
        <ProviderRequestsPage />
      </RequireRole>
    }
  />,
];
