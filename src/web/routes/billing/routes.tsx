import { Route } from 'react-router';
import { RequireRole } from '../../app/RequireRole';
import { BillingPage } from './BillingPage';
import { HouseholdInvoicesPage } from './HouseholdInvoicesPage';

/** The provider's invoicing and the household's invoices and certificates. */
export const billingRoutes = [
  <Route
    key="structure-facturation"
    path="structure/facturation"
    element={
      <RequireRole roles={['provider_admin', 'coordinator']}>
        <BillingPage />
      </RequireRole>
    }
  />,
  <Route
    key="foyer-factures"
    path="foyer/factures"
    element={
      <RequireRole roles={['household']}>
        <HouseholdInvoicesPage />
      </RequireRole>
    }
  />,
];
