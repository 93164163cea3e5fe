import { Route } from 'react-router';
import { ActivitiesPage, ActivityPage } from './activity-pages';
import { GuideCesuPage, GuideIndexPage, GuideModesPage, GuideSapPage } from './guide-basics';
import { GuideChoosePage, GuideFaqPage } from './guide-help';
import { GuideApaPchPage, GuideTaxCreditPage } from './guide-money';
import { SimulatorPage } from './simulator-page';

/** The public guide: what SAP are, modes, CESU, tax credit, APA/PCH, FAQ, activities, simulator. */
export const guideRoutes = [
  <Route key="guide" path="guide" element={<GuideIndexPage />} />,
  <Route key="guide-sap" path="guide/services-a-la-personne" element={<GuideSapPage />} />,
  <Route key="guide-modes" path="guide/modes" element={<GuideModesPage />} />,
  <Route key="guide-cesu" path="guide/cesu" element={<GuideCesuPage />} />,
  <Route key="guide-credit" path="guide/credit-impot" element={<GuideTaxCreditPage />} />,
  <Route key="guide-apa" path="guide/apa-pch" element={<GuideApaPchPage />} />,
  <Route key="guide-choisir" path="guide/choisir" element={<GuideChoosePage />} />,
  <Route key="guide-faq" path="guide/faq" element={<GuideFaqPage />} />,
  <Route key="activites" path="activites" element={<ActivitiesPage />} />,
  <Route key="activite" path="activites/:code" element={<ActivityPage />} />,
  <Route key="simulateur" path="simulateur" element={<SimulatorPage />} />,
];
