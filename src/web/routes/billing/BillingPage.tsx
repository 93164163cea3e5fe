import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import {
  euros,
  monthLabel,
  previousMonth,
  useApi,
  type CertificateView,
  type InvoiceView,
  type RunView,
  type StatementView,
  type UrssafRequestView,
} from './billing-api';

const MEANS = [
  ['transfer', 'Virement'],
  ['card', 'Carte bancaire'],
  ['cheque', 'Chèque'],
  ['cesu_prefinance', 'CESU préfinancé'],
  ['cash', 'Espèces (sans crédit d’impôt)'],
] as const;

interface RunsAnswer {
  items: RunView[];
  currentMonth: string;
  demo: boolean;
  urssafSimulator: boolean;
}

/** The provider's invoicing: run a month, invoices, payments, credit notes, APA statements, export, certificates, Urssaf. */
export function BillingPage() {
  usePageTitle('Facturation');
  const runs = useApi<RunsAnswer>('/api/billing/runs');
  const [month, setMonth] = useState<string | null>(null);
  const shownMonth = month ?? (runs.data ? previousMonth(runs.data.currentMonth) : null);
  const invoices = useApi<{ total: number; items: InvoiceView[] }>(
    shownMonth ? `/api/invoices?month=${shownMonth}&pageSize=500` : null,
  );
  const statements = useApi<{ items: StatementView[] }>(
    shownMonth ? `/api/departement-statements?month=${shownMonth}` : null,
  );
  const requests = useApi<{ items: UrssafRequestView[] }>('/api/urssaf/payment-requests');
  const registrations = useApi<{ items: { householdId: string }[] }>('/api/urssaf/registrations');
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [registering, setRegistering] = useState<InvoiceView | null>(null);

  const refresh = () => {
    runs.reload();
    invoices.reload();
    statements.reload();
    requests.reload();
    registrations.reload();
  };
  const act = async (label: string, fn: () => Promise<string>) => {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      setMessage(await fn());
      refresh();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
    void label;
  };

  const runMonth = (event: FormEvent) => {
    event.preventDefault();
    if (!shownMonth) return;
    void act('run', async () => {
      const run = await api<RunView>('/api/billing/runs', { method: 'POST', body: { month: shownMonth } });
      return `Facturation de ${monthLabel(run.month)} terminée : ${run.issuedNow ?? 0} facture(s) émise(s) maintenant, ${run.invoices} au total pour ${euros(run.total)}.`;
    });
  };

  const requestOf = new Map((requests.data?.items ?? []).map((r) => [r.invoiceId, r]));
  const registered = new Set((registrations.data?.items ?? []).map((r) => r.householdId));
  const run = runs.data?.items.find((r) => r.month === shownMonth);

  return (
    <>
      <PageHeader title="Facturation">
        <p className="lead">
          Factures mensuelles des foyers, part APA/PCH facturée au Département, avance immédiate de l’Urssaf.
        </p>
      </PageHeader>
      <ErrorSummary
        problem={problem}
        labels={{
          month: 'Mois',
          amountCents: 'Montant',
          means: 'Moyen de paiement',
          paidOn: 'Date du paiement',
          reason: 'Motif',
        }}
      />
      {message && (
        <div className="alert alert-success" role="status">
          <p>{message}</p>
        </div>
      )}

      <section className="panel" aria-labelledby="run-title">
        <h2 id="run-title">Facturer un mois</h2>
        <form onSubmit={runMonth} className="form-grid" aria-label="Facturer un mois">
          <div className="field">
            <label htmlFor="field-month">Mois des interventions</label>
            <input
              id="field-month"
              type="month"
              value={shownMonth ?? ''}
              onChange={(e) => setMonth(e.target.value)}
              required
            />
          </div>
          <div className="form-actions button-row">
            <button type="submit" className="button" disabled={busy || !shownMonth}>
              Facturer {shownMonth ? monthLabel(shownMonth) : 'le mois'}
            </button>
            {runs.data?.demo && shownMonth && (
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() =>
                  void act('demo', async () => {
                    const r = await api<{ visits: number }>('/api/billing/demo/done-visits', {
                      method: 'POST',
                      body: { month: shownMonth },
                    });
                    return `Démonstration : ${r.visits} interventions réalisées créées en ${monthLabel(shownMonth)}.`;
                  })
                }
              >
                Démo : créer les interventions réalisées du mois
              </button>
            )}
          </div>
        </form>
        {run && (
          <p>
            Dernière facturation de {monthLabel(run.month)} :{' '}
            {run.status === 'completed'
              ? 'terminée'
              : run.status === 'failed'
                ? 'interrompue (relancez-la : elle reprend là où elle s’est arrêtée)'
                : 'en cours'}{' '}
            — {run.invoices} facture(s), {run.visits} intervention(s), {euros(run.total)}.
          </p>
        )}
        {shownMonth && (
          <p>
            <a href={`/api/billing/export.csv?month=${shownMonth}`} download>
              Export comptable de {monthLabel(shownMonth)} (CSV)
            </a>
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="invoices-title">
        <h2 id="invoices-title">Factures {shownMonth ? `de ${monthLabel(shownMonth)}` : ''}</h2>
        {invoices.error && <p className="alert alert-error">{invoices.error}</p>}
        {invoices.data && invoices.data.items.length === 0 && <p>Aucune facture pour ce mois.</p>}
        {invoices.data && invoices.data.items.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Factures du mois</caption>
              <thead>
                <tr>
                  <th scope="col">Numéro</th>
                  <th scope="col">Foyer</th>
                  <th scope="col">Total TTC</th>
                  <th scope="col">APA/PCH</th>
                  <th scope="col">À charge du foyer</th>
                  <th scope="col">État</th>
                  <th scope="col">Avance immédiate</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {invoices.data.items.map((inv) => (
                  <InvoiceRow
                    key={inv.id}
                    invoice={inv}
                    request={requestOf.get(inv.id) ?? null}
                    registered={registered.has(inv.householdId)}
                    busy={busy}
                    act={act}
                    onRegister={() => setRegistering(inv)}
                  />
                ))}
              </tbody>
            </table>
            <p id="reinvoice-hint" className="hint">
              Une facture ne se modifie pas : on l’annule par un avoir. Corrigez ensuite les interventions dans la
              file des anomalies de la télégestion, puis « Refacturer » émet une nouvelle facture du foyer, au
              numéro suivant.
            </p>
          </div>
        )}
        {runs.data?.urssafSimulator && (
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() =>
                void act('advance', async () => {
                  const r = await api<{ changed: number; paid: number }>('/api/urssaf/simulator/advance', {
                    method: 'POST',
                    body: { hours: 48 },
                  });
                  return `Simulateur Urssaf : 48 heures passées, ${r.changed} demande(s) ont changé d’état, ${r.paid} facture(s) payée(s).`;
                })
              }
            >
              Simulateur Urssaf : faire passer 48 h
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() =>
                void act('sync', async () => {
                  const r = await api<{ checked: number; changed: number }>('/api/urssaf/sync', {
                    method: 'POST',
                  });
                  return `${r.checked} demande(s) relue(s) à l’Urssaf, ${r.changed} changement(s).`;
                })
              }
            >
              Relire les états à l’Urssaf
            </button>
          </div>
        )}
      </section>

      {registering && (
        <UrssafRegistrationForm
          invoice={registering}
          onDone={(text) => {
            setRegistering(null);
            setMessage(text);
            refresh();
          }}
          onCancel={() => setRegistering(null)}
        />
      )}

      <section className="panel" aria-labelledby="statements-title">
        <h2 id="statements-title">États APA/PCH à adresser au Département</h2>
        {statements.data && statements.data.items.length === 0 && <p>Aucune part APA ou PCH ce mois-ci.</p>}
        {statements.data && statements.data.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Département</th>
                <th scope="col">Aide</th>
                <th scope="col">Heures</th>
                <th scope="col">Factures</th>
                <th scope="col">Montant dû</th>
              </tr>
            </thead>
            <tbody>
              {statements.data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.departement}</td>
                  <td>{s.funder.toUpperCase()}</td>
                  <td>{(s.minutes / 60).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} h</td>
                  <td>{s.invoiceCount}</td>
                  <td>{euros(s.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <TaxCertificatesPanel defaultYear={Number((shownMonth ?? '2026').slice(0, 4))} />
    </>
  );
}

function InvoiceRow({
  invoice,
  request,
  registered,
  busy,
  act,
  onRegister,
}: {
  invoice: InvoiceView;
  request: UrssafRequestView | null;
  registered: boolean;
  busy: boolean;
  act: (label: string, fn: () => Promise<string>) => Promise<void>;
  onRegister: () => void;
}) {
  const [paying, setPaying] = useState(false);
  const [amount, setAmount] = useState((invoice.householdShareCents - invoice.paidCents) / 100);
  const [means, setMeans] = useState<string>('transfer');
  const [paidOn, setPaidOn] = useState(new Date().toISOString().slice(0, 10));
  const due =
    invoice.kind === 'invoice' && (invoice.status === 'issued' || invoice.status === 'partially_paid');
  const eligibleAi =
    invoice.kind === 'invoice' && invoice.status === 'issued' && invoice.apaCents + invoice.pchCents === 0;
  return (
    <tr>
      <td>
        <a href={`/api/invoices/${invoice.id}/pdf`} download>
          {invoice.number}
        </a>
        {invoice.kind === 'credit_note' && <> (avoir de {invoice.creditedInvoiceNumber})</>}
      </td>
      <td>{invoice.householdName}</td>
      <td>{euros(invoice.totalTtcCents)}</td>
      <td>
        {invoice.apaCents + invoice.pchCents
          ? `${euros(invoice.apaCents + invoice.pchCents)} (${invoice.departement})`
          : '—'}
      </td>
      <td>{euros(invoice.householdShareCents)}</td>
      <td>
        <span
          className={`badge ${invoice.status === 'paid' ? 'badge-ok' : invoice.status === 'cancelled_by_credit_note' ? 'badge-danger' : 'badge-warning'}`}
        >
          {invoice.statusLabel}
        </span>
      </td>
      <td>
        {request
          ? `${request.statusLabel ?? '—'}${request.rejectionLabel ? ` — ${request.rejectionLabel}` : ''}`
          : registered
            ? 'Foyer inscrit'
            : '—'}
      </td>
      <td>
        <div className="button-row">
          {due && (
            <button
              type="button"
              className="link-button"
              onClick={() => setPaying((p) => !p)}
              aria-expanded={paying}
            >
              Paiement
            </button>
          )}
          {eligibleAi && !request && !registered && (
            <button type="button" className="link-button" onClick={onRegister}>
              Inscrire à l’avance immédiate
            </button>
          )}
          {eligibleAi && !request && registered && (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() =>
                void act('send', async () => {
                  const r = await api<UrssafRequestView>(`/api/invoices/${invoice.id}/urssaf/send`, {
                    method: 'POST',
                  });
                  return `Facture ${invoice.number} envoyée à l’Urssaf : ${r.statusLabel}.`;
                })
              }
            >
              Envoyer à l’Urssaf
            </button>
          )}
          {invoice.kind === 'invoice' && invoice.status !== 'cancelled_by_credit_note' && (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() => {
                const reason = window.prompt(`Motif de l’avoir annulant la facture ${invoice.number} :`);
                if (reason)
                  void act('credit', async () => {
                    const note = await api<InvoiceView>(`/api/invoices/${invoice.id}/credit-note`, {
                      method: 'POST',
                      body: { reason },
                    });
                    return `Avoir ${note.number} émis : la facture ${invoice.number} est annulée.`;
                  });
              }}
            >
              Avoir
            </button>
          )}
          {invoice.kind === 'invoice' && invoice.status === 'cancelled_by_credit_note' && (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              aria-describedby="reinvoice-hint"
              onClick={() =>
                void act('reinvoice', async () => {
                  const r = await api<{ issuedNow: number | null }>('/api/billing/runs', {
                    method: 'POST',
                    body: { month: invoice.month, householdId: invoice.householdId },
                  });
                  return r.issuedNow
                    ? `${invoice.householdName} : nouvelle facture de ${monthLabel(invoice.month)} émise avec les interventions telles qu’elles sont validées aujourd’hui.`
                    : `${invoice.householdName} : rien à refacturer pour ${monthLabel(invoice.month)} (aucune intervention validée hors facture).`;
                })
              }
            >
              Refacturer
            </button>
          )}
        </div>
        {paying && (
          <form
            className="inline-fieldset"
            aria-label={`Paiement de la facture ${invoice.number}`}
            onSubmit={(e) => {
              e.preventDefault();
              void act('pay', async () => {
                const r = await api<InvoiceView>(`/api/invoices/${invoice.id}/payments`, {
                  method: 'POST',
                  body: { amountCents: Math.round(amount * 100), means, paidOn },
                });
                setPaying(false);
                return `Paiement enregistré : facture ${r.number} ${r.statusLabel.toLowerCase()}.`;
              });
            }}
          >
            <label>
              Montant (€){' '}
              <input
                type="number"
                step="0.01"
                min="0.01"
                value={amount}
                onChange={(e) => setAmount(Number(e.target.value))}
                className="input-short"
              />
            </label>
            <label>
              Moyen{' '}
              <select value={means} onChange={(e) => setMeans(e.target.value)}>
                {MEANS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Le <input type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
            </label>
            <button type="submit" className="button" disabled={busy}>
              Enregistrer le paiement
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

const registrationLabels: Record<string, string> = {
  civilite: 'Civilité',
  nomNaissance: 'Nom de naissance',
  prenoms: 'Prénoms',
  dateNaissance: 'Date de naissance',
  'lieuNaissance.communeNaissance.codeCommune': 'Code INSEE de la commune de naissance',
  numeroTelephonePortable: 'Téléphone portable',
  adresseMail: 'E-mail',
  'adressePostale.libelleVoie': 'Voie',
  'adressePostale.codePostal': 'Code postal',
  'adressePostale.codeCommune': 'Code INSEE de la commune',
  'coordonneeBancaire.iban': 'IBAN',
  'coordonneeBancaire.bic': 'BIC',
};

/** Registers the household's tax filer with the Urssaf (API Tiers de prestation, « particulier »). */
function UrssafRegistrationForm({
  invoice,
  onDone,
  onCancel,
}: {
  invoice: InvoiceView;
  onDone(text: string): void;
  onCancel(): void;
}) {
  const [f, setF] = useState({
    civilite: '2',
    nomNaissance: '',
    prenoms: '',
    dateNaissance: '',
    communeNaissanceCode: '',
    communeNaissance: '',
    departementNaissance: '',
    mobile: '',
    email: '',
    numeroVoie: '',
    libelleVoie: '',
    codePostal: '',
    commune: '',
    codeCommune: '',
    iban: '',
    bic: '',
    titulaire: '',
  });
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api(`/api/households/${invoice.householdId}/urssaf/register`, {
        method: 'POST',
        body: {
          civilite: f.civilite,
          nomNaissance: f.nomNaissance,
          prenoms: f.prenoms,
          dateNaissance: f.dateNaissance,
          lieuNaissance: {
            codePaysNaissance: '99100',
            departementNaissance: f.departementNaissance || f.communeNaissanceCode.slice(0, 2),
            communeNaissance: { codeCommune: f.communeNaissanceCode, libelleCommune: f.communeNaissance },
          },
          numeroTelephonePortable: f.mobile.replace(/\s/g, ''),
          adresseMail: f.email,
          adressePostale: {
            numeroVoie: f.numeroVoie || null,
            libelleVoie: f.libelleVoie,
            libelleCommune: f.commune,
            codeCommune: f.codeCommune,
            codePostal: f.codePostal,
            codePays: '99100',
          },
          coordonneeBancaire: {
            iban: f.iban.replace(/\s/g, ''),
            bic: f.bic.replace(/\s/g, ''),
            titulaire: f.titulaire,
          },
        },
      });
      onDone(
        `${invoice.householdName} est inscrit à l’avance immédiate : l’Urssaf lui écrit pour activer son compte. Vous pouvez envoyer ses factures.`,
      );
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <section className="panel" aria-labelledby="urssaf-register-title">
      <h2 id="urssaf-register-title">Inscrire {invoice.householdName} à l’avance immédiate</h2>
      <p className="hint">
        La personne qui déclare ses revenus : l’Urssaf vérifie son identité auprès des impôts et prélève sa
        part (50 %) sur ce compte.
      </p>
      <ErrorSummary problem={problem} labels={registrationLabels} />
      <form onSubmit={submit} noValidate className="form-grid" aria-label="Inscription à l’avance immédiate">
        <div className="field">
          <label htmlFor="field-civilite">Civilité</label>
          <select id="field-civilite" value={f.civilite} onChange={(e) => set({ civilite: e.target.value })}>
            <option value="2">Madame</option>
            <option value="1">Monsieur</option>
          </select>
        </div>
        <TextField
          name="nomNaissance"
          label="Nom de naissance"
          value={f.nomNaissance}
          onChange={(v) => set({ nomNaissance: v })}
          problem={problem}
        />
        <TextField
          name="prenoms"
          label="Prénoms"
          value={f.prenoms}
          onChange={(v) => set({ prenoms: v })}
          problem={problem}
        />
        <TextField
          name="dateNaissance"
          label="Date de naissance"
          type="date"
          value={f.dateNaissance}
          onChange={(v) => set({ dateNaissance: v })}
          problem={problem}
        />
        <TextField
          name="communeNaissance"
          label="Commune de naissance"
          value={f.communeNaissance}
          onChange={(v) => set({ communeNaissance: v })}
          problem={problem}
        />
        <TextField
          name="lieuNaissance.communeNaissance.codeCommune"
          label="Code INSEE de la commune de naissance"
          value={f.communeNaissanceCode}
          onChange={(v) => set({ communeNaissanceCode: v })}
          problem={problem}
        />
        <TextField
          name="numeroTelephonePortable"
          label="Téléphone portable"
          hint="06 ou 07 : l’Urssaf y envoie ses notifications."
          value={f.mobile}
          onChange={(v) => set({ mobile: v })}
          problem={problem}
        />
        <TextField
          name="adresseMail"
          label="E-mail"
          type="email"
          value={f.email}
          onChange={(v) => set({ email: v })}
          problem={problem}
        />
        <TextField
          name="adressePostale.numeroVoie"
          label="Numéro"
          value={f.numeroVoie}
          onChange={(v) => set({ numeroVoie: v })}
          problem={problem}
        />
        <TextField
          name="adressePostale.libelleVoie"
          label="Voie"
          value={f.libelleVoie}
          onChange={(v) => set({ libelleVoie: v })}
          problem={problem}
        />
        <TextField
          name="adressePostale.codePostal"
          label="Code postal"
          value={f.codePostal}
          onChange={(v) => set({ codePostal: v })}
          problem={problem}
        />
        <TextField
          name="adressePostale.libelleCommune"
          label="Commune"
          value={f.commune}
          onChange={(v) => set({ commune: v })}
          problem={problem}
        />
        <TextField
          name="adressePostale.codeCommune"
          label="Code INSEE de la commune"
          value={f.codeCommune}
          onChange={(v) => set({ codeCommune: v })}
          problem={problem}
        />
        <TextField
          name="coordonneeBancaire.iban"
          label="IBAN"
          value={f.iban}
          onChange={(v) => set({ iban: v })}
          problem={problem}
        />
        <TextField
          name="coordonneeBancaire.bic"
          label="BIC"
          value={f.bic}
          onChange={(v) => set({ bic: v })}
          problem={problem}
        />
        <TextField
          name="coordonneeBancaire.titulaire"
          label="Titulaire du compte"
          value={f.titulaire}
          onChange={(v) => set({ titulaire: v })}
          problem={problem}
        />
        <div className="form-actions button-row">
          <button type="submit" className="button">
            Inscrire auprès de l’Urssaf
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}

function TaxCertificatesPanel({ defaultYear }: { defaultYear: number }) {
  const [year, setYear] = useState(defaultYear);
  const list = useApi<{ items: CertificateView[] }>(`/api/billing/tax-certificates?year=${year}`);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const issue = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const r = await api<{ certificates: number }>('/api/billing/tax-certificates', {
        method: 'POST',
        body: { year },
      });
      setMessage(`${r.certificates} attestation(s) fiscale(s) ${year} établie(s).`);
      list.reload();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <section className="panel" aria-labelledby="certificates-title">
      <h2 id="certificates-title">Attestations fiscales</h2>
      <ErrorSummary problem={problem} labels={{ year: 'Année' }} />
      {message && <p role="status">{message}</p>}
      <form onSubmit={issue} className="form-grid" aria-label="Établir les attestations fiscales">
        <div className="field">
          <label htmlFor="field-year">Année des services</label>
          <input
            id="field-year"
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            className="input-short"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Établir les attestations {year} de tous les foyers
          </button>
        </div>
      </form>
      {list.data && list.data.items.length > 0 && (
        <ul className="plain-list">
          {list.data.items.map((c) => (
            <li key={c.id}>
              <a href={`/api/households/${c.householdId}/tax-certificates/${c.year}/pdf`} download>
                {c.householdName ?? 'Foyer'} — attestation {c.year}
              </a>{' '}
              : payé par le foyer {euros(c.amountPaidByClientCents)}
              {c.excludedCashCents ? `, espèces non retenues ${euros(c.excludedCashCents)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
