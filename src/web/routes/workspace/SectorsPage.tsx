import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorSummary, problemOf, TextField, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { useCommunes } from '../directory/geography';
import { useLoad, type Sector } from './workspace-api';

const sectorLabels: Record<string, string> = {
  name: 'Nom du secteur',
  communeCodes: 'Communes couvertes',
  coordinatorUserIds: 'Responsables de secteur',
};

interface Member {
  id: string;
  displayName: string;
  role: string;
}

interface SectorDraft {
  name: string;
  communeCodes: string[];
  coordinatorUserIds: string[];
}

const emptyDraft: SectorDraft = { name: '', communeCodes: [], coordinatorUserIds: [] };

/** Checkboxes in columns for a list of values, each with its label and an optional note. */
function CheckboxColumns({
  idPrefix,
  options,
  checked,
  onChange,
}: {
  idPrefix: string;
  options: { value: string; label: string; note?: string }[];
  checked: string[];
  onChange(values: string[]): void;
}) {
  return (
    <div className="checkbox-columns">
      {options.map((o) => (
        <div className="checkbox-field" key={o.value}>
          <input
            id={`${idPrefix}-${o.value}`}
            type="checkbox"
            checked={checked.includes(o.value)}
            onChange={(event) =>
              onChange(event.target.checked ? [...checked, o.value] : checked.filter((x) => x !== o.value))
            }
          />
          <label htmlFor={`${idPrefix}-${o.value}`}>
            {o.label}
            {o.note && <span className="hint">{o.note}</span>}
          </label>
        </div>
      ))}
    </div>
  );
}

/** A sector's form: its name, the communes it covers (those of another sector say which), its coordinators. */
function SectorForm({
  title,
  initial,
  sectors,
  selfId,
  members,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: SectorDraft;
  sectors: readonly Sector[];
  selfId: string | null;
  members: readonly Member[];
  submitLabel: string;
  onSubmit(draft: SectorDraft): Promise<void>;
  onCancel?(): void;
}) {
  const communes = useCommunes();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const elsewhere = useMemo(() => {
    const out = new Map<string, string>();
    for (const s of sectors) if (s.id !== selfId) for (const c of s.communeCodes) out.set(c, s.name);
    return out;
  }, [sectors, selfId]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSaving(true);
    try {
      await onSubmit(draft);
      setProblem(null);
      if (!selfId) setDraft(emptyDraft);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setIsSaving(false);
    }
  };
  const slug = selfId ?? 'new';
  return (
    <form onSubmit={submit} noValidate aria-label={title} className="panel">
      <h3>{title}</h3>
      <ErrorSummary problem={problem} labels={sectorLabels} />
      <TextField
        name="name"
        label={sectorLabels.name!}
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
        problem={problem}
      />
      <fieldset className="regime-fieldset" id="field-communeCodes">
        <legend>{sectorLabels.communeCodes}</legend>
        <p className="hint">
          Une commune n’appartient qu’à un secteur : celles d’un autre secteur le disent.
        </p>
        <CheckboxColumns
          idPrefix={`sector-${slug}-commune`}
          options={(communes.data ?? []).map((c) => ({
            value: c.code,
            label: c.name,
            note: elsewhere.has(c.code) ? ` (secteur ${elsewhere.get(c.code)})` : undefined,
          }))}
          checked={draft.communeCodes}
          onChange={(communeCodes) => setDraft({ ...draft, communeCodes })}
        />
      </fieldset>
      <fieldset className="regime-fieldset" id="field-coordinatorUserIds">
        <legend>{sectorLabels.coordinatorUserIds} (facultatif)</legend>
        {members.length === 0 ? (
          <p>Aucun responsable de secteur dans l’équipe : invitez-en depuis la page Équipe.</p>
        ) : (
          <CheckboxColumns
            idPrefix={`sector-${slug}-coordinator`}
            options={members.map((m) => ({
              value: m.id,
              label: m.displayName,
              note: m.role === 'provider_admin' ? ' (administrateur)' : ' (responsable de secteur)',
            }))}
            checked={draft.coordinatorUserIds}
            onChange={(coordinatorUserIds) => setDraft({ ...draft, coordinatorUserIds })}
          />
        )}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={isSaving}>
          {isSaving ? 'Enregistrement…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Annuler
          </button>
        )}
      </div>
    </form>
  );
}

/** The organisation's sectors: communes, coordinators, people and workers; the admin creates, edits and deletes them. */
export function SectorsPage() {
  usePageTitle('Secteurs');
  const { me } = useSession();
  const isAdmin = me?.role === 'provider_admin';
  const sectors = useLoad<{ items: Sector[] }>('/api/sectors');
  const team = useLoad<{ members: Member[] }>(isAdmin ? '/api/organisation/members' : null);
  const members = useMemo(
    () => (team.data?.members ?? []).filter((m) => m.role === 'coordinator' || m.role === 'provider_admin'),
    [team.data],
  );
  const list = sectors.data?.items ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const save = (id: string | null) => async (draft: SectorDraft) => {
    const saved = await api<Sector>(id ? `/api/sectors/${id}` : '/api/sectors', {
      method: id ? 'PUT' : 'POST',
      body: draft,
    });
    setStatus(id ? `Secteur « ${saved.name} » enregistré.` : `Secteur « ${saved.name} » créé.`);
    setEditing(null);
    await sectors.reload();
  };
  const remove = async (sector: Sector) => {
    if (
      !window.confirm(
        `Supprimer le secteur « ${sector.name} » ? Ses bénéficiaires reviennent au secteur de leur commune, ses intervenant·es n’ont plus de secteur.`,
      )
    )
      return;
    try {
      await api(`/api/sectors/${sector.id}`, { method: 'DELETE' });
      setDeleteError(null);
      setStatus(`Secteur « ${sector.name} » supprimé.`);
      await sectors.reload();
    } catch (error) {
      setDeleteError(problemOf(error).message);
    }
  };

  return (
    <>
      <PageHeader title="Secteurs">
        <p className="lead">
          Le territoire de la structure découpé en secteurs, chacun suivi par ses responsables. Un·e
          bénéficiaire est dans le secteur de sa commune, sauf choix contraire sur son dossier.
        </p>
      </PageHeader>
      <div role="status" aria-live="polite">
        {status}
      </div>
      {sectors.error && (
        <div className="alert alert-error" role="alert">
          <p>{sectors.error}</p>
        </div>
      )}
      {deleteError && (
        <div className="alert alert-error" role="alert">
          <p>{deleteError}</p>
        </div>
      )}
      {sectors.data && list.length === 0 && <p>Aucun secteur pour l’instant.</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Secteurs de la structure</caption>
            <thead>
              <tr>
                <th scope="col">Secteur</th>
                <th scope="col">Communes</th>
                <th scope="col">Responsables</th>
                <th scope="col">Bénéficiaires</th>
                <th scope="col">Intervenant·es</th>
                {isAdmin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/structure/planning?secteur=${s.id}`}>{s.name}</Link>
                  </th>
                  <td>{s.communes.map((c) => c.name).join(', ')}</td>
                  <td>{s.coordinators.map((c) => c.displayName).join(', ') || '—'}</td>
                  <td>{s.beneficiaryCount}</td>
                  <td>{s.workerCount}</td>
                  {isAdmin && (
                    <td>
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => setEditing(s.id)}
                          aria-label={`Modifier le secteur ${s.name}`}
                        >
                          Modifier
                        </button>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => void remove(s)}
                          aria-label={`Supprimer le secteur ${s.name}`}
                        >
                          Supprimer
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin &&
        list
          .filter((s) => s.id === editing)
          .map((s) => (
            <SectorForm
              key={s.id}
              title={`Modifier le secteur ${s.name}`}
              initial={{
                name: s.name,
                communeCodes: s.communeCodes,
                coordinatorUserIds: s.coordinators.map((c) => c.userId),
              }}
              sectors={list}
              selfId={s.id}
              members={members}
              submitLabel="Enregistrer le secteur"
              onSubmit={save(s.id)}
              onCancel={() => setEditing(null)}
            />
          ))}
      {isAdmin && !editing && (
        <SectorForm
          title="Nouveau secteur"
          initial={emptyDraft}
          sectors={list}
          selfId={null}
          members={members}
          submitLabel="Créer le secteur"
          onSubmit={save(null)}
        />
      )}
      {!isAdmin && <p>Les secteurs sont gérés par l’administrateur de la structure.</p>}
    </>
  );
}
