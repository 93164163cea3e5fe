import { usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { euros, ledgerOf, monthLabel, useApi, type CertificateView, type InvoiceView } from './billing-api';

/** The household's invoices from every provider, what it pays now and what the Urssaf pays, and its certificates. */
export function HouseholdInvoicesPage() {
  usePageTitle('Factures et attestations');
  const invoices = useApi<{ items: InvoiceView[] }>('/api/me/invoices');
  const certificates = useApi<{ items: (CertificateView & { householdId: string })[] }>(
    '/api/me/tax-certificates',
  );
  return (
    <>
      <PageHeader title="Factures et attestations">
        <p className="lead">
          Vos factures mensuelles, ce que vous payez maintenant, ce que l’Urssaf verse au titre de l’avance
          immédiate, et vos attestations fiscales.
        </p>
      </PageHeader>
      <section className="panel" aria-labelledby="my-invoices">
        <h2 id="my-invoices">Mes factures</h2>
        {invoices.error && <p className="alert alert-error">{invoices.error}</p>}
        {invoices.data && invoices.data.items.length === 0 && <p>Aucune facture pour le moment.</p>}
        {invoices.data && invoices.data.items.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Mes factures</caption>
              <thead>
                <tr>
                  <th scope="col">Facture</th>
                  <th scope="col">Prestataire</th>
                  <th scope="col">Mois</th>
                  <th scope="col">Total</th>
                  <th scope="col">Pris en charge (APA/PCH)</th>
                  <th scope="col">Payé maintenant</th>
                  <th scope="col">Versé par l’Urssaf</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {invoices.data.items.map((inv) => (
                  <tr key={inv.id}>
                    <td>
                      <a href={`/api/invoices/${inv.id}/pdf`} download>
                        {inv.kind === 'credit_note' ? 'Avoir' : 'Facture'} {inv.number} (PDF)
                      </a>
                    </td>
                    <td>{inv.organisationName}</td>
                    <td>{monthLabel(inv.month)}</td>
                    <td>{euros(inv.totalTtcCents)}</td>
                    <td>{inv.apaCents + inv.pchCents ? euros(inv.apaCents + inv.pchCents) : '—'}</td>
                    <td>{euros(inv.paidNowCents)}</td>
                    <td>{inv.paidByUrssafCents ? euros(inv.paidByUrssafCents) : '—'}</td>
                    <td>
                      <span className={`badge ${inv.status === 'paid' ? 'badge-ok' : 'badge-warning'}`}>
                        {inv.statusLabel}
                      </span>
                      {inv.avanceImmediate && inv.status !== 'paid' && (
                        <> — Urssaf : {inv.avanceImmediate.statusLabel}</>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">
          Avec l’avance immédiate, l’Urssaf règle la facture au prestataire et ne prélève que votre part (la
          moitié) : le crédit d’impôt vous est versé tout de suite. Les factures payées en espèces n’ouvrent
          pas droit au crédit d’impôt.
        </p>
      </section>
      {invoices.data && invoices.data.items.length > 0 && (
        <section className="panel" aria-labelledby="my-ledger">
          <h2 id="my-ledger">Mon relevé de compte</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">
                Factures et paiements, du plus ancien au plus récent
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Opération</th>
                  <th scope="col">À payer</th>
                  <th scope="col">Payé</th>
                  <th scope="col">Reste dû</th>
                </tr>
              </thead>
              <tbody>
                {ledgerOf(invoices.data.items).map((e) => (
                  <tr key={e.key}>
                    <td>{new Date(`${e.date}T12:00:00Z`).toLocaleDateString('fr-FR')}</td>
                    <td>{e.label}</td>
                    <td>{e.debitCents ? euros(e.debitCents) : ''}</td>
                    <td>{e.creditCents ? euros(e.creditCents) : ''}</td>
                    <td>{euros(e.balanceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            Les parts APA/PCH sont réglées directement par le Département et n’apparaissent pas ici. Avec
            l’avance immédiate, le paiement est celui de l’Urssaf (qui prélève votre moitié).
          </p>
        </section>
      )}
      <section className="panel" aria-labelledby="my-certificates">
        <h2 id="my-certificates">Mes attestations fiscales</h2>
        {certificates.data && certificates.data.items.length === 0 && (
          <p>
            Aucune attestation pour le moment : elles sont établies en début d’année pour l’année écoulée.
          </p>
        )}
        {certificates.data && certificates.data.items.length > 0 && (
          <ul className="plain-list">
            {certificates.data.items.map((c) => (
              <li key={c.id}>
                <a href={`/api/households/${c.householdId}/tax-certificates/${c.year}/pdf`} download>
                  Attestation fiscale {c.year} — {c.organisationName} (PDF)
                </a>{' '}
                : dépenses à déclarer {euros(c.amountPaidByClientCents + c.avanceImmediateCents)}
                {c.avanceImmediateCents
                  ? `, dont ${euros(c.avanceImmediateCents)} de crédit d’impôt déjà versé par l’Urssaf`
                  : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
