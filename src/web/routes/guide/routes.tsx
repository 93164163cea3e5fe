import { Route } from 'react-router';
import { UpcomingAreaPage } from '../home-pages';

/** The public guide: what SAP are, modes, CESU, tax credit, APA/PCH, FAQ, activities, simulator. */
export const guideRoutes = [<Route key="guide" path="guide" element={<UpcomingAreaPage />} />];
