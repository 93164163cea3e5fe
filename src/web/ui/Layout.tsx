import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { roleLabels } from '../../domain/access';
import { navigationOf } from '../app/navigation';
import { homePathOf, useSession } from '../app/session';

/** Header, skip link, role navigation, main landmark and footer of every page. */
export function Layout() {
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);

  // After a client-side navigation, move focus to the content so screen readers announce the new page.
  const isFirstRender = useRef(true);
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const items = me ? navigationOf[me.role].filter((item) => item.to !== '/boite-envoi' || me.isDemo) : [];

  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={me ? homePathOf[me.role] : '/'} className="brand">
            ProxiDom<span className="brand-tagline">Services à la personne · Orléans Métropole</span>
          </Link>
          <div className="header-account">
            {me ? (
              <>
                <span className="who">
                  {me.displayName} <span className="role-badge">{roleLabels[me.role]}</span>
                  {me.organisationName && <span className="org-name"> · {me.organisationName}</span>}
                </span>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={async () => {
                    await signOut();
                    navigate('/connexion');
                  }}
                >
                  Se déconnecter
                </button>
              </>
            ) : (
              <>
                <Link to="/annuaire">Annuaire</Link>
                <Link to="/guide">Guide</Link>
                <Link to="/simulateur">Simulateur</Link>
                <Link to="/connexion" className="button">
                  Se connecter
                </Link>
              </>
            )}
          </div>
        </div>
        {items.length > 0 && (
          <nav aria-label="Navigation principale" className="main-nav">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="contenu" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          ProxiDom — la plateforme des services à la personne du territoire. <Link to="/accessibilite">Accessibilité : partiellement conforme</Link>
        </p>
      </footer>
    </>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
