import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { useCommunes } from '../directory/geography';
import { beneficiaryName, useLoad, type BeneficiarySummary, type Sector } from './workspace-api';

const PAGE_SIZE = 50;

/** The provider's beneficiaries: search by name, filter by sector, commune and GIR, paginated; the filters live in the URL. */
export function BeneficiariesPage() {
  usePageTitle('Bénéficiaires');
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash ?? null;
  const q = params.get('q') ?? '';
  const commune = params.get('commune') ?? '';
  const sector = params.get('secteur') ?? '';
  const gir = params.get('gir') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [typed, setTyped] = useState(q);
  const set = (patch: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(patch))
          if (v) next.set(k, v);
          else next.delete(k);
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  // The name is searched as it is typed, a moment after the last key.
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => set({ q: typed.trim() }), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), page: String(page) });
  if (q) query.set('q', q);
  if (commune) query.set('communeCode', commune);
  if (sector) query.set('sectorId', sector);
  if (gir) query.set('gir', gir);
  const list = useLoad<{ total: number; items: BeneficiarySummary[] }>(`/api/beneficiaries?${query}`);
  const communes = useCommunes();
  const sectors = useLoad<{ items: Sector[] }>('/api/sectors');
  const hasSectors = (sectors.data?.items.length ?? 0) > 0;
  const communeName = new Map((communes.data ?? []).map((c) => [c.code, c.name]));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader title="Bénéficiaires">
        <p className="lead">
          {list.data
            ? `${list.data.total.toLocaleString('fr-FR')} bénéficiaire${list.data.total > 1 ? 's' : ''}`
            : '\u00a0'}
        </p>
        <p>
          <Link className="button" to="/structure/beneficiaires/nouveau">
            Nouveau bénéficiaire
          </Link>
        </p>
      </PageHeader>
      {flash && (
        <p className="alert alert-success" role="status">
          {flash}
        </p>
      )}
      <form
        className="filters-row"
        role="search"
        aria-label="Rechercher un bénéficiaire"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor="beneficiary-search">Rechercher par nom</label>
          <input
            id="beneficiary-search"
            type="search"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        {hasSectors && (
          <div className="field">
            <label htmlFor="beneficiary-sector">Secteur</label>
            <select id="beneficiary-sector" value={sector} onChange={(event) => set({ secteur: event.target.value })}>
              <option value="">Tous les secteurs</option>
              {sectors.data!.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="beneficiary-commune">Commune</label>
          <select
            id="beneficiary-commune"
            value={commune}
            onChange={(event) => set({ commune: event.target.value })}
          >
            <option value="">Toutes</option>
            {(communes.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="beneficiary-gir">GIR</label>
          <select id="beneficiary-gir" value={gir} onChange={(event) => set({ gir: event.target.value })}>
            <option value="">Tous</option>
            {[1, 2, 3, 4, 5, 6].map((g) => (
              <option key={g} value={g}>
                GIR {g}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.error && (
        <div className="alert alert-error" role="alert">
          <p>{list.error}</p>
        </div>
      )}
      <p role="status" className="visually-hidden">
        {list.data ? `${list.data.total} résultat${list.data.total > 1 ? 's' : ''}` : ''}
      </p>
      <table>
        <caption className="visually-hidden">Bénéficiaires de la structure</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Commune</th>
            {hasSectors && <th scope="col">Secteur</th>}
            <th scope="col">GIR</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((b) => (
            <tr key={b.id}>
              <td>
                <Link to={`/structure/beneficiaires/${b.id}`}>{beneficiaryName(b)}</Link>
              </td>
              <td>
                {b.communeName ?? (b.communeCode ? (communeName.get(b.communeCode) ?? b.communeCode) : '—')}
              </td>
              {hasSectors && <td>{b.sectorName ?? '—'}</td>}
              <td>{b.gir ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.items.length === 0 && <p>Aucun bénéficiaire ne correspond à ces critères.</p>}
      <nav aria-label="Pagination" className="pagination">
        <button
          type="button"
          className="button button-secondary"
          disabled={page <= 1}
          onClick={() => set({ page: String(page - 1) })}
        >
          Page précédente
        </button>
        <span>
          Page {page} sur {pages}
        </span>
        <button
          type="button"
          className="button button-secondary"
          disabled={page >= pages}
          onClick={() => set({ page: String(page + 1) })}
        >
          Page suivante
        </button>
      </nav>
    </>
  );
}
