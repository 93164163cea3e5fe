import { BrowserRouter, Route, Routes } from 'react-router';
import type { Role } from '../../domain/access';
import { OutboxPage, TeamPage, TerritoryOrganisationsPage } from '../routes/admin-pages';
import { AcceptInvitationPage, ForgotPasswordPage, LoginPage, ResetPasswordPage, SignupPage } from '../routes/auth-pages';
import { AccessibilityPage, NotFoundPage, PublicHomePage, RoleHomePage, UpcomingAreaPage } from '../routes/home-pages';
import { Layout } from '../ui/Layout';
import { directoryRoutes } from '../routes/directory/routes';
import { guideRoutes } from '../routes/guide/routes';
import { workspaceRoutes } from '../routes/workspace/routes';
import { telegestionRoutes } from '../routes/telegestion/routes';
import { billingRoutes } from '../routes/billing/routes';
import { requestRoutes } from '../routes/requests/routes';
import { RequireRole } from './RequireRole';
import { homePathOf, SessionProvider } from './session';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<PublicHomePage />} />
            <Route path="connexion" element={<LoginPage />} />
            <Route path="inscription" element={<SignupPage />} />
            <Route path="mot-de-passe-oublie" element={<ForgotPasswordPage />} />
            <Route path="reinitialiser" element={<ResetPasswordPage />} />
            <Route path="invitation/:token" element={<AcceptInvitationPage />} />
            <Route path="accessibilite" element={<AccessibilityPage />} />
            {directoryRoutes}
            {workspaceRoutes}
            {telegestionRoutes}
            {billingRoutes}
            {requestRoutes}
            {guideRoutes}
            {(Object.entries(homePathOf) as [Role, string][]).map(([role, path]) => (
              <Route key={role} path={path.slice(1)} element={<RequireRole roles={[role]}><RoleHomePage /></RequireRole>} />
            ))}
            <Route path="structure/equipe" element={<RequireRole roles={['provider_admin', 'coordinator']}><TeamPage /></RequireRole>} />
            <Route path="territoire/structures" element={<RequireRole roles={['territory_admin']}><TerritoryOrganisationsPage /></RequireRole>} />
            <Route path="boite-envoi" element={<RequireRole roles={['provider_admin', 'territory_admin']}><OutboxPage /></RequireRole>} />
            <Route path="espace/:slug" element={<RequireRole><UpcomingAreaPage /></RequireRole>} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
