import { useState, type FormEvent } from 'react';
import { SKILLS } from '../../../domain/skills';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { centsOf, numberOf, TextAreaField } from '../workspace/fields';
import { MessageThread } from './MessageThread';
import { euros, frenchDate, useApi, type ProviderRequestView } from './requests-api';

/** The provider's inbox: matching requests with distance and fit; answer with a quote or decline; messages. */
export function ProviderRequestsPage() {
  usePageTitle('Demandes reçues');
  const inbox = useApi<{ items: ProviderRequestView[] }>('/api/provider/requests');
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="Demandes reçues">
        <p className="lead">
          Les demandes des foyers qui correspondent à vos activités, vos communes et votre agrément ou
          autorisation. L’adresse exacte vous est communiquée si le foyer retient votre devis.
        </p>
      </PageHeader>
      <section className="panel" aria-labelledby="inbox-title">
        <h2 id="inbox-title">Demandes</h2>
        {inbox.error && <p className="alert alert-error">{inbox.error}</p>}
        {inbox.data && inbox.data.items.length === 0 && <p>Aucune demande pour le moment.</p>}
        {inbox.data && inbox.data.items.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Demandes reçues</caption>
              <thead>
                <tr>
                  <th scope="col">Demande</th>
                  <th scope="col">Commune</th>
                  <th scope="col">Distance</th>
                  <th scope="col">Adéquation</th>
                  <th scope="col">État</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {inbox.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.activities.map((a) => a.name).join(', ')} — {r.person.firstName},{' '}
                      {r.person.ageBracket}
                      {r.person.gir ? `, GIR ${r.person.gir}` : ''}
                    </th>
                    <td>{r.communeName}</td>
                    <td>{r.distanceKm === null ? '—' : `${String(r.distanceKm).replace('.', ',')} km`}</td>
                    <td>
                      {r.fit.skilledWorkers} intervenant·e(s) compétent·e(s) à proximité, environ{' '}
                      {String(r.fit.roomHoursPerWeek).replace('.', ',')} h libres cette semaine
                    </td>
                    <td>
                      <span className="badge">{r.routingStatusLabel}</span>{' '}
                      {r.requestStatus !== 'open' && <>({r.requestStatusLabel})</>}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={openId === r.id}
                        onClick={() => setOpenId(openId === r.id ? null : r.id)}
                      >
                        {openId === r.id ? 'Fermer' : 'Ouvrir'}
                        <span className="visually-hidden"> la demande de {r.person.firstName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {openId && <ProviderRequestPanel key={openId} id={openId} onChanged={inbox.reload} />}
    </>
  );
}

const QUOTE_LABELS: Record<string, string> = {
  'lines.0.hourlyPriceTtcCents': 'Prix horaire TTC',
  'lines.0.hourlyPriceHtCents': 'Prix horaire HT',
  'lines.0.hoursPerMonth': 'Heures par mois',
  firstAvailableOn: 'Première date possible',
  validUntil: 'Valable jusqu’au',
};

function ProviderRequestPanel({ id, onChanged }: { id: string; onChanged(): void }) {
  const detail = useApi<ProviderRequestView>(`/api/provider/requests/${id}`);
  const r = detail.data;
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState({
    priceTtc: '',
    priceHt: '',
    hours: '',
    description: '',
    firstAvailableOn: today,
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    skills: [] as string[],
    experience: '',
    profile: '',
    message: '',
  });
  const [decline, setDecline] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = (p: Partial<typeof form>) => setForm((f) => ({ ...f, ...p }));

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setProblem(null);
    try {
      setNotice(await work());
      detail.reload();
      onChanged();
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  }

  function sendQuote(event: FormEvent) {
    event.preventDefault();
    if (!r) return;
    const hours = form.hours === '' ? r.hoursPerMonth : numberOf(form.hours);
    void run(async () => {
      const ttc = centsOf(form.priceTtc);
      const q = await api<{ number: string }>(`/api/requests/${id}/quotes`, {
        method: 'POST',
        body: {
          lines: [
            {
              activityCode: r.activityCodes[0],
              mode: r.mode,
              description: form.description,
              hourlyPriceTtcCents: ttc,
              hourlyPriceHtCents: form.priceHt === '' ? ttc : centsOf(form.priceHt),
              hoursPerMonth: hours,
            },
          ],
          annexFees: [],
          firstAvailableOn: form.firstAvailableOn,
          validUntil: form.validUntil,
          workerProfile: {
            skills: form.skills,
            experienceYears: numberOf(form.experience),
            description: form.profile,
          },
          message: form.message,
        },
      });
      return `Devis ${q.number} envoyé au foyer.`;
    });
  }

  if (detail.error) return <p className="alert alert-error">{detail.error}</p>;
  if (!r) return <p role="status">Chargement…</p>;
  const canAnswer =
    r.requestStatus === 'open' && (r.routingStatus === 'pending' || r.routingStatus === 'quoted');
  return (
    <section className="panel" aria-labelledby="request-detail">
      <h2 id="request-detail">
        Demande de {r.clientName} : {r.activities.map((a) => a.name).join(', ')}
      </h2>
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <dl className="facts">
        <dt>Pour</dt>
        <dd>
          {r.person.firstName}, {r.person.kindLabel.toLowerCase()}, {r.person.ageBracket}
          {r.person.gir ? `, GIR ${r.person.gir}` : ''}
          {r.person.hasApaPlan ? ", plan d'aide APA notifié" : ''}
        </dd>
        <dt>Où</dt>
        <dd>
          {r.address
            ? `${r.address.addressLine}, ${r.address.postalCode} ${r.communeName}`
            : `${r.communeName} (adresse communiquée si votre devis est accepté)`}
        </dd>
        <dt>Quand</dt>
        <dd>
          {r.scheduleSummary}, à partir du {frenchDate(r.startsOn)}
          {r.durationMonths ? `, pendant ${r.durationMonths} mois` : ''} — environ{' '}
          {String(r.hoursPerMonth).replace('.', ',')} h par mois
        </dd>
        <dt>Mode</dt>
        <dd>{r.modeLabel}</dd>
        {r.budgetMonthlyCents !== null && (
          <>
            <dt>Budget</dt>
            <dd>{euros(r.budgetMonthlyCents)} par mois</dd>
          </>
        )}
        {r.wishes && (
          <>
            <dt>Souhaits</dt>
            <dd>{r.wishes}</dd>
          </>
        )}
        <dt>Pourquoi vous</dt>
        <dd>{r.reason}</dd>
      </dl>
      {(r.quotes ?? []).length > 0 && (
        <ul className="plain-list">
          {r.quotes!.map((q) => (
            <li key={q.id}>
              <a href={q.pdfUrl} target="_blank" rel="noreferrer">
                Devis {q.number} (PDF)
              </a>{' '}
              — {euros(q.monthlyTtcCents)} TTC par mois — {q.statusLabel}
            </li>
          ))}
        </ul>
      )}
      {canAnswer && (
        <>
          <form className="form-grid" onSubmit={sendQuote} noValidate aria-label="Répondre par un devis">
            <h3>Répondre par un devis</h3>
            <ErrorSummary problem={problem} labels={QUOTE_LABELS} />
            <TextField
              name="lines.0.hourlyPriceTtcCents"
              label="Prix horaire TTC (€)"
              value={form.priceTtc}
              onChange={(v) => patch({ priceTtc: v })}
              problem={problem}
              inputMode="decimal"
            />
            <TextField
              name="lines.0.hourlyPriceHtCents"
              label="Prix horaire HT (€)"
              value={form.priceHt}
              onChange={(v) => patch({ priceHt: v })}
              problem={problem}
              inputMode="decimal"
              hint="Vide : identique au TTC (structure non assujettie à la TVA)."
            />
            <TextField
              name="lines.0.hoursPerMonth"
              label="Heures par mois"
              value={form.hours}
              onChange={(v) => patch({ hours: v })}
              problem={problem}
              inputMode="decimal"
              hint={`Vide : ${String(r.hoursPerMonth).replace('.', ',')} h, d’après les créneaux demandés.`}
            />
            <TextField
              name="lines.0.description"
              label="Description de la prestation"
              value={form.description}
              onChange={(v) => patch({ description: v })}
              problem={problem}
            />
            <TextField
              name="firstAvailableOn"
              label="Première date possible"
              type="date"
              value={form.firstAvailableOn}
              onChange={(v) => patch({ firstAvailableOn: v })}
              problem={problem}
            />
            <TextField
              name="validUntil"
              label="Devis valable jusqu’au"
              type="date"
              value={form.validUntil}
              onChange={(v) => patch({ validUntil: v })}
              problem={problem}
            />
            <div className="field">
              <label htmlFor="field-workerProfile.skills">Compétences de l’intervenant·e proposé·e</label>
              <select
                id="field-workerProfile.skills"
                multiple
                value={form.skills}
                onChange={(e) => patch({ skills: [...e.target.selectedOptions].map((o) => o.value) })}
              >
                {SKILLS.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              name="workerProfile.experienceYears"
              label="Années d’expérience"
              value={form.experience}
              onChange={(v) => patch({ experience: v })}
              problem={problem}
              inputMode="numeric"
            />
            <TextAreaField
              name="workerProfile.description"
              label="Profil (sans nom)"
              value={form.profile}
              onChange={(v) => patch({ profile: v })}
              problem={problem}
            />
            <TextAreaField
              name="message"
              label="Message au foyer"
              value={form.message}
              onChange={(v) => patch({ message: v })}
              problem={problem}
            />
            <div className="form-actions">
              <button type="submit" className="button" disabled={busy}>
                Envoyer le devis
              </button>
            </div>
          </form>
          <form
            className="form-grid"
            aria-label="Décliner la demande"
            onSubmit={(e) => {
              e.preventDefault();
              void run(
                async () => (
                  await api(`/api/requests/${id}/decline`, { method: 'POST', body: { reason: decline } }),
                  'Demande déclinée : le foyer est prévenu.'
                ),
              );
            }}
          >
            <h3>Décliner</h3>
            <TextField name="reason" label="Motif" value={decline} onChange={setDecline} problem={problem} />
            <div className="form-actions">
              <button type="submit" className="button button-secondary" disabled={busy}>
                Décliner la demande
              </button>
            </div>
          </form>
        </>
      )}
      <MessageThread
        title="Le foyer"
        requestId={id}
        organisationId={null}
        messages={r.messages ?? []}
        onSent={detail.reload}
        otherSide="household"
      />
    </section>
  );
}
