import { Route } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { ImportPage } from './ImportPage';
import { ProfilePage } from './ProfilePage';
import { ProviderPage } from './ProviderPage';
import { SearchPage } from './SearchPage';

/** The directory's pages: search, map, provider profiles, profile editing, import. */
export const directoryRoutes = [
  <Route key="annuaire" path="annuaire" element={<SearchPage />} />,
  <Route key="annuaire-structure" path="annuaire/structures/:id" element={<ProviderPage />} />,
  <Route
    key="structure-profil"
    path="structure/profil"
    element={
      <RequireRole roles={['provider_admin', 'coordinator']}>
        <ProfilePage />
      </RequireRole>
    }
  />,
  <Route
    key="territoire-import"
    path="territoire/import"
    element={
      <RequireRole roles={['territory_admin']}>
        <ImportPage />
      </RequireRole>
    }
  />,
];
