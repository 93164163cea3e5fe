import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { roleLabels, type Role } from '../../domain/access';
import { LEGAL_FORM_INFO, LEGAL_FORMS, type LegalForm } from '../../domain/organisation';
import { api } from '../api/client';
import { useLoad } from '../api/use-load';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../ui/form';
import { PageHeader } from '../ui/Layout';

interface Commune {
  code: string;
  name: string;
  postalCodes: string[];
}


const organisationLabels = {
  name: 'Raison sociale',
  siret: 'SIRET',
  legalForm: 'Forme juridique',
  communeCode: 'Commune du siège',
  adminEmail: 'E-mail de l’administrateur',
};

export function TerritoryOrganisationsPage() {
  usePageTitle('Structures du territoire');
  const [page, setPage] = useState(1);
  const organisations = useLoad<{
    total: number;
    items: { id: string; name: string; siret: string; legalForm: string; communeCode: string | null }[];
  }>(`/api/territory/organisations?pageSize=50&page=${page}`);
  const pages = organisations.data ? Math.max(1, Math.ceil(organisations.data.total / 50)) : 1;
  const communes = useLoad<Commune[]>('/api/communes');
  const initial = {
    name: '',
    siret: '',
    legalForm: 'association' as LegalForm,
    communeCode: '',
    adminEmail: '',
  };
  const [draft, update, clear] = useDraft('onboard-organisation', initial);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const organisation = await api<{ name: string }>('/api/territory/organisations', {
        method: 'POST',
        body: draft,
      });
      setProblem(null);
      setCreated(`${organisation.name} est créée : une invitation a été envoyée à ${draft.adminEmail}.`);
      clear();
      organisations.reload();
    } catch (error) {
      setCreated(null);
      setProblem(problemOf(error));
    }
  };

  const communeName = new Map((communes.data ?? []).map((c) => [c.code, c.name]));
  return (
    <>
      <PageHeader title="Structures du territoire">
        <p className="lead">
          {organisations.data ? `${organisations.data.total.toLocaleString('fr-FR')} structures` : ' '}
        </p>
      </PageHeader>
      <section aria-labelledby="new-organisation" className="panel">
        <h2 id="new-organisation">Ouvrir une structure</h2>
        <p>La structure est créée et son administrateur reçoit un lien d’invitation par e-mail.</p>
        {created && (
          <p className="alert alert-success" role="status">
            {created}
          </p>
        )}
        <ErrorSummary problem={problem} labels={organisationLabels} />
        <form onSubmit={submit} noValidate className="form-grid">
          <TextField
            name="name"
            label={organisationLabels.name}
            required
            value={draft.name}
            onChange={(name) => update({ name })}
            problem={problem}
          />
          <TextField
            name="siret"
            label={organisationLabels.siret}
            required
            inputMode="numeric"
            value={draft.siret}
            onChange={(siret) => update({ siret })}
            problem={problem}
            hint="14 chiffres."
          />
          <div className="field">
            <label htmlFor="field-legalForm">{organisationLabels.legalForm}</label>
            <select
              id="field-legalForm"
              value={draft.legalForm}
              onChange={(event) => update({ legalForm: event.target.value as LegalForm })}
            >
              {LEGAL_FORMS.map((form) => (
                <option key={form} value={form}>
                  {LEGAL_FORM_INFO[form].label}
                </option>
              ))}
            </select>
          </div>
          <div
            className={`field${problem?.fields.some((f) => f.field === 'communeCode') ? ' field-invalid' : ''}`}
          >
            <label htmlFor="field-communeCode">{organisationLabels.communeCode}</label>
            <select
              id="field-communeCode"
              value={draft.communeCode}
              onChange={(event) => update({ communeCode: event.target.value })}
            >
              <option value="">Choisir une commune</option>
              {(communes.data ?? []).map((commune) => (
                <option key={commune.code} value={commune.code}>
                  {commune.name} ({commune.postalCodes.join(', ')})
                </option>
              ))}
            </select>
          </div>
          <TextField
            name="adminEmail"
            label={organisationLabels.adminEmail}
            type="email"
            required
            value={draft.adminEmail}
            onChange={(adminEmail) => update({ adminEmail })}
            problem={problem}
          />
          <div>
            <button className="button" type="submit">
              Créer la structure et inviter
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="list">
        <h2 id="list">Liste</h2>
        {organisations.error && <p className="alert alert-error">{organisations.error}</p>}
        <table>
          <caption className="visually-hidden">Structures du territoire</caption>
          <thead>
            <tr>
              <th scope="col">Raison sociale</th>
              <th scope="col">SIRET</th>
              <th scope="col">Forme</th>
              <th scope="col">Commune</th>
            </tr>
          </thead>
          <tbody>
            {(organisations.data?.items ?? []).map((organisation) => (
              <tr key={organisation.id}>
                <td>{organisation.name}</td>
                <td>{organisation.siret}</td>
                <td>
                  {LEGAL_FORM_INFO[organisation.legalForm as LegalForm]?.label ?? organisation.legalForm}
                </td>
                <td>
                  {organisation.communeCode
                    ? (communeName.get(organisation.communeCode) ?? organisation.communeCode)
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination page={page} pages={pages} onChange={setPage} />
      </section>
    </>
  );
}

function Pagination({
  page,
  pages,
  onChange,
}: {
  page: number;
  pages: number;
  onChange(page: number): void;
}) {
  return (
    <nav aria-label="Pagination" className="pagination">
      <button
        type="button"
        className="button button-secondary"
        disabled={page <= 1}
        onClick={() => onChange(page - 1)}
      >
        Page précédente
      </button>
      <span aria-live="polite">
        Page {page} sur {pages}
      </span>
      <button
        type="button"
        className="button button-secondary"
        disabled={page >= pages}
        onClick={() => onChange(page + 1)}
      >
        Page suivante
      </button>
    </nav>
  );
}

export function TeamPage() {
  usePageTitle('Équipe');
  const team = useLoad<{
    members: { id: string; email: string; displayName: string; role: Role }[];
    invitations: { email: string; role: Role; expiresAt: string }[];
  }>('/api/organisation/members');
  const [draft, update, clear] = useDraft('invite-staff', { email: '', role: 'coordinator' as Role });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/api/organisation/invitations', { method: 'POST', body: draft });
      setProblem(null);
      setSent(`Invitation envoyée à ${draft.email}.`);
      clear();
      team.reload();
    } catch (error) {
      setSent(null);
      setProblem(problemOf(error));
    }
  };

  return (
    <>
      <PageHeader title="Équipe" />
      <section aria-labelledby="invite" className="panel">
        <h2 id="invite">Inviter une personne</h2>
        {sent && (
          <p className="alert alert-success" role="status">
            {sent}
          </p>
        )}
        <ErrorSummary problem={problem} labels={{ email: 'Adresse e-mail', role: 'Rôle' }} />
        <form onSubmit={submit} noValidate className="form-grid">
          <TextField
            name="email"
            label="Adresse e-mail"
            type="email"
            required
            value={draft.email}
            onChange={(email) => update({ email })}
            problem={problem}
          />
          <div className="field">
            <label htmlFor="field-role">Rôle</label>
            <select
              id="field-role"
              value={draft.role}
              onChange={(event) => update({ role: event.target.value as Role })}
            >
              {(['coordinator', 'worker', 'provider_admin'] as const).map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button className="button" type="submit">
              Envoyer l’invitation
            </button>
          </div>
        </form>
      </section>
      {team.error && <p className="alert alert-error">{team.error}</p>}
      <h2>Membres</h2>
      <ul className="plain-list">
        {(team.data?.members ?? []).map((member) => (
          <li key={member.id}>
            {member.displayName} — {member.email}{' '}
            <span className="role-badge">{roleLabels[member.role]}</span>
          </li>
        ))}
      </ul>
      {(team.data?.invitations.length ?? 0) > 0 && (
        <>
          <h2>Invitations en attente</h2>
          <ul className="plain-list">
            {team.data!.invitations.map((invitation) => (
              <li key={invitation.email}>
                {invitation.email} — {roleLabels[invitation.role]} (valable jusqu’au{' '}
                {new Date(invitation.expiresAt).toLocaleDateString('fr-FR')})
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function OutboxPage() {
  usePageTitle('Boîte d’envoi');
  const outbox =
    useLoad<{ id: string; to: string; subject: string; text: string; createdAt: string }[]>('/api/outbox');
  return (
    <>
      <PageHeader title="Boîte d’envoi (démo)">
        <p className="lead">
          En mode démonstration, les e-mails de la plateforme sont visibles ici au lieu d’être envoyés.
        </p>
      </PageHeader>
      {outbox.error && <p className="alert alert-error">{outbox.error}</p>}
      {outbox.data?.length === 0 && <p>Aucun e-mail pour le moment.</p>}
      <ol className="outbox">
        {(outbox.data ?? []).map((email) => (
          <li key={email.id} className="card">
            <h2 className="card-title">{email.subject}</h2>
            <p className="hint">
              À {email.to} — {new Date(email.createdAt).toLocaleString('fr-FR')}
            </p>
            <pre className="email-body">{linkify(email.text)}</pre>
          </li>
        ))}
      </ol>
      <p>
        <Link to="/">Retour</Link>
      </p>
    </>
  );
}

/** Shows the links of a demo e-mail as links, so an invitation can be followed from here. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      <a key={index} href={new URL(part).pathname + new URL(part).search}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
