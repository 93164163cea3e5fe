import { Route } from 'react-router';
import { DirectoryComingPage } from '../home-pages';

/** The directory's pages: search, map, provider profiles, profile editing, import. */
export const directoryRoutes = [<Route key="annuaire" path="annuaire" element={<DirectoryComingPage />} />];
