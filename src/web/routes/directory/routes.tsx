import { Route } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { PageErrorBoundary } from '../../ui/ErrorBoundary';
import { ImportPage } from './ImportPage';
import { ProfilePage } from './ProfilePage';
import { ProviderPage } from './ProviderPage';
import { SearchPage } from './SearchPage';

/** The directory's pages: search, map, provider profiles, profile editing, import. */
export const directoryRoutes = [
  <Route
    key="annuaire"
    path="annuaire"
    element={
      <PageErrorBoundary>
        <SearchPage />
      </PageErrorBoundary>
    }
  />,
  <Route
    key="annuaire-structure"
    path="annuaire/structures/:id"
    element={
      <PageErrorBoundary>
        <ProviderPage />
      </PageErrorBoundary>
    }
  />,
  <Route
    key="structure-profil"
    path="structure/profil"
    element={
      <RequireRole roles={['provider_admin', 'coordinator']}>
        <PageErrorBoundary>
          <ProfilePage />
        </PageErrorBoundary>
      </RequireRole>
    }
  />,
  <Route
    key="territoire-import"
    path="territoire/import"
    element={
      <RequireRole roles={['territory_admin']}>
        <PageErrorBoundary>
          <ImportPage />
        </PageErrorBoundary>
      </RequireRole>
    }
  />,
];
