/**
 * Invoice, credit note and tax certificate PDFs (pdfkit, built-in Helvetica: WinAnsi covers French accents
 * and « € »). Rendering is a function of stored data only, with the issue date as the document's creation
 * date, so the same invoice always gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import {
  CESU_PREFINANCE_WARNING,
  NO_TAX_ADVANTAGE_STATEMENT,
  VAT_FRANCHISE_MENTION,
} from '../../domain/invoice';
import { formatEuros, formatRate } from '../../domain/money';
import {
  CASH_PAYMENT_STATEMENT,
  PAYMENT_MEANS_FR,
  departementName,
  formatDuration,
  frenchDate,
  monthLabel,
  type PaymentMeansCode,
} from './billing-rules';

export interface RegistrationPrint {
  number: string;
  date: string | null;
}

export interface OrganisationPrint {
  name: string;
  address: string;
  siret: string;
  phone: string | null;
  email: string | null;
  declaration: RegistrationPrint | null;
  agrement: RegistrationPrint | null;
  autorisation: RegistrationPrint | null;
  vatFranchise: boolean;
}

export interface HouseholdPrint {
  name: string;
  address: string;
}

export interface InvoiceLinePrint {
  serviceDate: string;
  startTime: string;
  beneficiaryName: string;
  activityLabel: string;
  workerName: string;
  workerRef: string;
  durationMin: number;
  hourlyPriceTtcCents: number;
  amountTtcCents: number;
  vatRateBp: number;
  funder: string | null;
  funderCents: number;
}

export interface InvoicePrint {
  kind: 'invoice' | 'credit_note';
  number: string;
  issuedAt: Date;
  month: string;
  creditedNumber: string | null;
  creditReason: string | null;
  organisation: OrganisationPrint;
  household: HouseholdPrint;
  lines: InvoiceLinePrint[];
  totalTtcCents: number;
  totalHtCents: number;
  totalVatCents: number;
  apaCents: number;
  pchCents: number;
  departementCode: string | null;
  householdShareCents: number;
  payments: { amountCents: number; means: PaymentMeansCode; paidOn: string }[];
  avanceImmediate: { householdPartCents: number; advanceCents: number; statusLabel: string | null } | null;
}

/** Euros for the PDF: WinAnsi has the no-break space (U+00A0) but not the narrow one (U+202F). */
const euros = (cents: number): string => formatEuros(cents).replace(/\u202f/g, '\u00a0');

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function newDocument(title: string, createdAt: Date, compress: boolean): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margin: 40,
    compress,
    info: {
      Title: title,
      Author: 'ProxiDom',
      Creator: 'ProxiDom',
      Producer: 'ProxiDom',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
}

function registrations(org: OrganisationPrint): string[] {
  const out: string[] = [];
  const when = (r: RegistrationPrint) => (r.date ? ` du ${frenchDate(r.date)}` : '');
  if (org.declaration) out.push(`Déclaration SAP n° ${org.declaration.number}${when(org.declaration)}`);
  if (org.agrement) out.push(`Agrément n° ${org.agrement.number}${when(org.agrement)}`);
  if (org.autorisation) out.push(`Autorisation n° ${org.autorisation.number}${when(org.autorisation)}`);
  return out;
}

function organisationHeader(doc: PDFKit.PDFDocument, org: OrganisationPrint): void {
  doc.font('Helvetica-Bold').fontSize(13).text(org.name);
  doc.font('Helvetica').fontSize(9).text(org.address);
  doc.text(`SIRET ${org.siret}`);
  for (const r of registrations(org)) doc.text(r);
  const contact = [org.phone, org.email].filter(Boolean).join(' · ');
  if (contact) doc.text(contact);
}

function addressBlock(doc: PDFKit.PDFDocument, title: string, household: HouseholdPrint, top: number): void {
  doc.font('Helvetica-Bold').fontSize(10).text(title, 330, top, { width: 225 });
  doc.font('Helvetica').fontSize(10).text(household.name, { width: 225 });
  doc.text(household.address, { width: 225 });
}

const columns: { label: string; width: number; neverCut?: boolean }[] = [
  { label: 'Date', width: 44 },
  { label: 'Heure', width: 26 },
  { label: 'Bénéficiaire', width: 74 },
  { label: 'Prestation', width: 94 },
  { label: 'Intervenant·e', width: 78 },
  // The register number is a legal mention (D7233-1): it is never cut, only set smaller if it must be.
  { label: 'N° intervenant', width: 64, neverCut: true },
  { label: 'Durée', width: 34 },
  { label: 'Prix horaire TTC', width: 52 },
  { label: 'Montant TTC', width: 49 },
];
const NUMERIC_FROM = 6;
const ROW_HEIGHT = 11;

/** The text cut to fit the width, with an ellipsis (rows are one line: fast to lay out, no wrapping). */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function tableRow(doc: PDFKit.PDFDocument, cells: string[], bold: boolean): void {
  const left = doc.page.margins.left;
  const size = bold ? 6.8 : 7.2;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
  if (doc.y + ROW_HEIGHT > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
  const top = doc.y;
  let x = left;
  cells.forEach((c, i) => {
    const column = columns[i]!;
    const width = column.width - 4;
    if (column.neverCut) doc.fontSize(Math.min(size, (size * width) / doc.widthOfString(c)));
    const t = column.neverCut ? c : fit(doc, c, width);
    const dx = i >= NUMERIC_FROM ? width - doc.widthOfString(t) : 0;
    doc.text(t, x + 2 + dx, top + 2, { lineBreak: false });
    doc.fontSize(size);
    x += columns[i]!.width;
  });
  doc
    .moveTo(left, top + ROW_HEIGHT)
    .lineTo(x, top + ROW_HEIGHT)
    .lineWidth(0.3)
    .strokeColor('#999999')
    .stroke();
  doc.x = left;
  doc.y = top + ROW_HEIGHT;
}

function amountLine(doc: PDFKit.PDFDocument, label: string, amount: string, bold = false): void {
  const left = doc.page.margins.left;
  const top = doc.y;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
  doc.text(label, left + 195, top, { width: 240 });
  const afterLabel = doc.y;
  doc.text(amount, left + 435, top, { width: 80, align: 'right' });
  doc.x = left;
  doc.y = Math.max(afterLabel, doc.y) + 1;
}

function paragraph(doc: PDFKit.PDFDocument, text: string, size = 8.5, bold = false): void {
  doc.x = doc.page.margins.left;
  doc
    .font(bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(size)
    .text(text, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
}

/** The invoice (or credit note) PDF with every D7233-1 mention. */
export async function renderInvoicePdf(
  invoice: InvoicePrint,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const isCredit = invoice.kind === 'credit_note';
  const title = `${isCredit ? 'Avoir' : 'Facture'} ${invoice.number}`;
  const doc = newDocument(title, invoice.issuedAt, options.compress ?? false);
  const done = collect(doc);
  const org = invoice.organisation;

  const top = doc.y;
  organisationHeader(doc, org);
  const afterOrg = doc.y;
  addressBlock(doc, 'Facturé à', invoice.household, top);
  doc.x = doc.page.margins.left;
  doc.y = Math.max(afterOrg, doc.y) + 14;

  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(isCredit ? `AVOIR n° ${invoice.number}` : `FACTURE n° ${invoice.number}`);
  doc.font('Helvetica').fontSize(9.5);
  doc.text(`Date d'émission : ${frenchDate(invoice.issuedAt.toISOString())}`);
  doc.text(
    `Période des prestations : ${monthLabel(invoice.month)} — services à la personne, mode prestataire`,
  );
  if (isCredit && invoice.creditedNumber) {
    doc
      .font('Helvetica-Bold')
      .text(
        `Avoir annulant la facture n° ${invoice.creditedNumber}${invoice.creditReason ? ` — motif : ${invoice.creditReason}` : ''}`,
      );
    doc.font('Helvetica');
  }
  doc.moveDown(0.6);

  doc.font('Helvetica-Bold').fontSize(10).text('Décompte du temps passé et prix de chaque prestation');
  doc.moveDown(0.3);
  tableRow(
    doc,
    columns.map((c) => c.label),
    true,
  );
  for (const l of invoice.lines) {
    tableRow(
      doc,
      [
        frenchDate(l.serviceDate),
        l.startTime,
        l.beneficiaryName,
        l.activityLabel,
        l.workerName,
        l.workerRef,
        formatDuration(l.durationMin),
        euros(l.hourlyPriceTtcCents),
        euros(l.amountTtcCents),
      ],
      false,
    );
  }
  const minutes = invoice.lines.reduce((s, l) => s + l.durationMin, 0);
  tableRow(
    doc,
    [
      '',
      '',
      '',
      `${invoice.lines.length} intervention(s)`,
      'Temps total',
      '',
      formatDuration(minutes),
      '',
      euros(invoice.totalTtcCents),
    ],
    true,
  );
  doc.moveDown(0.6);
  if (doc.y > doc.page.height - 260) doc.addPage();

  amountLine(doc, 'Frais de déplacement', euros(0));
  amountLine(doc, 'Total HT', euros(invoice.totalHtCents));
  if (org.vatFranchise) {
    amountLine(doc, VAT_FRANCHISE_MENTION, '');
  } else {
    const rates = [...new Set(invoice.lines.map((l) => l.vatRateBp))].sort((a, b) => a - b);
    for (const r of rates) {
      const vat = invoice.lines.filter((l) => l.vatRateBp === r).reduce((s, l) => s + l.amountTtcCents, 0);
      amountLine(doc, `TVA ${formatRate(r)} (sur ${euros(vat)} TTC)`, '');
    }
    amountLine(doc, 'Total TVA', euros(invoice.totalVatCents));
  }
  amountLine(doc, 'Total TTC', euros(invoice.totalTtcCents), true);
  const dept = invoice.departementCode
    ? `le Département ${departementName(invoice.departementCode)}`
    : 'le Département';
  if (invoice.apaCents !== 0)
    amountLine(
      doc,
      `Part APA prise en charge par ${dept} (facturée au Département)`,
      euros(-invoice.apaCents),
    );
  if (invoice.pchCents !== 0)
    amountLine(
      doc,
      `Part PCH prise en charge par ${dept} (facturée au Département)`,
      euros(-invoice.pchCents),
    );
  amountLine(
    doc,
    isCredit ? 'Montant remboursé ou déduit' : 'Reste à votre charge',
    euros(invoice.householdShareCents),
    true,
  );
  const paid = invoice.payments.reduce((s, p) => s + p.amountCents, 0);
  amountLine(doc, 'Montant effectivement acquitté', euros(paid), true);
  for (const p of invoice.payments)
    amountLine(
      doc,
      `   Réglé le ${frenchDate(p.paidOn)} par ${PAYMENT_MEANS_FR[p.means]}`,
      euros(p.amountCents),
    );
  doc.moveDown(0.5);

  if (invoice.avanceImmediate) {
    paragraph(doc, 'Avance immédiate du crédit d’impôt (Urssaf)', 9.5, true);
    paragraph(
      doc,
      `Payé maintenant par vous (prélevé par l’Urssaf) : ${euros(invoice.avanceImmediate.householdPartCents)}. ` +
        `Versé par l’Urssaf au titre du crédit d’impôt : ${euros(invoice.avanceImmediate.advanceCents)}. ` +
        `L’Urssaf règle la totalité de la facture à ${org.name}${invoice.avanceImmediate.statusLabel ? ` (état de la demande : ${invoice.avanceImmediate.statusLabel})` : ''}.`,
    );
    doc.moveDown(0.4);
  }
  if (invoice.payments.some((p) => p.means === 'cash')) {
    paragraph(doc, CASH_PAYMENT_STATEMENT, 9, true);
    doc.moveDown(0.4);
  }
  if (org.agrement && !org.declaration) paragraph(doc, NO_TAX_ADVANTAGE_STATEMENT, 9, true);

  paragraph(doc, 'Mentions', 8.5, true);
  paragraph(
    doc,
    `Nature des services : ${[...new Set(invoice.lines.map((l) => l.activityLabel))].join(' ; ')} (services à la personne, art. D7231-1 du code du travail), ` +
      'au domicile du bénéficiaire. Prix horaire toutes taxes comprises et décompte du temps passé indiqués par intervention ; ' +
      'chaque intervenant·e est identifié·e par son numéro au registre du personnel.',
    7.5,
  );
  if (org.declaration)
    paragraph(
      doc,
      'Les sommes versées pour ces services, nettes des aides reçues (APA, PCH, CESU préfinancés), ouvrent droit au crédit d’impôt de 50 % prévu à l’article 199 sexdecies du CGI, dans la limite des plafonds, sauf paiement en espèces. Une attestation fiscale annuelle vous sera adressée.',
      7,
    );
  paragraph(
    doc,
    'Paiement à réception. Pas d’escompte pour paiement anticipé. En cas de retard, pénalités au taux d’intérêt légal.',
    7,
  );

  doc.end();
  return done;
}

export interface TaxCertificatePrint {
  year: number;
  issuedAt: Date;
  organisation: OrganisationPrint;
  household: HouseholdPrint;
  interventions: {
    workerName: string;
    workerRef: string;
    activityLabel: string;
    period: string;
    durationMin: number;
    hourlyPriceTtcCents: number;
  }[];
  totalInvoicedCents: number;
  apaCents: number;
  pchCents: number;
  cesuPrefinanceCents: number;
  avanceImmediateCents: number;
  spendingNetOfAidsCents: number;
  amountPaidByClientCents: number;
  excludedCashCents: number;
}

/** The attestation fiscale (D7233-4): one certificate per page group, several organisations in one file. */
export async function renderTaxCertificatesPdf(
  certificates: readonly TaxCertificatePrint[],
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const first = certificates[0];
  const doc = newDocument(
    first ? `Attestation fiscale ${first.year}` : 'Attestation fiscale',
    first?.issuedAt ?? new Date(0),
    options.compress ?? false,
  );
  const done = collect(doc);
  certificates.forEach((c, i) => {
    if (i > 0) doc.addPage();
    const top = doc.y;
    organisationHeader(doc, c.organisation);
    const afterOrg = doc.y;
    addressBlock(doc, 'Bénéficiaire des services', c.household, top);
    doc.x = doc.page.margins.left;
    doc.y = Math.max(afterOrg, doc.y) + 14;
    doc.font('Helvetica-Bold').fontSize(14).text(`ATTESTATION FISCALE ANNUELLE ${c.year}`);
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(
        `Services à la personne — article D7233-4 du code du travail. Délivrée le ${frenchDate(c.issuedAt.toISOString())}.`,
      );
    doc.moveDown(0.5);
    paragraph(
      doc,
      `${c.organisation.name} atteste que ${c.household.name} a bénéficié en ${c.year} des services à la personne ci-dessous, à son domicile, et en a acquitté le montant indiqué.`,
      9.5,
    );
    doc.moveDown(0.4);
    paragraph(doc, 'Récapitulatif des interventions (regroupées par mois)', 10, true);
    doc.moveDown(0.2);
    for (const it of c.interventions) {
      if (doc.y > doc.page.height - 120) doc.addPage();
      paragraph(
        doc,
        `${monthLabel(it.period)} — ${it.workerName} (n° ${it.workerRef}) — ${it.activityLabel} — ${formatDuration(it.durationMin)} à ${euros(it.hourlyPriceTtcCents)} TTC de l’heure`,
        8.5,
      );
    }
    doc.moveDown(0.6);
    if (doc.y > doc.page.height - 220) doc.addPage();
    amountLine(doc, `Total facturé en ${c.year}`, euros(c.totalInvoicedCents));
    if (c.apaCents) amountLine(doc, 'Dont APA versée directement par le Département', euros(-c.apaCents));
    if (c.pchCents) amountLine(doc, 'Dont PCH versée directement par le Département', euros(-c.pchCents));
    if (c.cesuPrefinanceCents)
      amountLine(doc, 'Dont payé en CESU préfinancés', euros(-c.cesuPrefinanceCents));
    amountLine(
      doc,
      'Dépenses restant à votre charge (base du crédit d’impôt)',
      euros(c.spendingNetOfAidsCents),
      true,
    );
    if (c.avanceImmediateCents)
      amountLine(
        doc,
        'Crédit d’impôt déjà versé par l’avance immédiate (Urssaf)',
        euros(-c.avanceImmediateCents),
      );
    amountLine(doc, 'Montant effectivement payé par vous', euros(c.amountPaidByClientCents), true);
    doc.moveDown(0.5);
    if (c.excludedCashCents)
      paragraph(
        doc,
        `Factures réglées en espèces (${euros(c.excludedCashCents)}) : non retenues, le paiement en espèces n’ouvre pas droit au crédit d’impôt (art. D7233-3).`,
        8.5,
        true,
      );
    if (c.cesuPrefinanceCents) paragraph(doc, CESU_PREFINANCE_WARNING, 8.5, true);
    if (c.avanceImmediateCents)
      paragraph(
        doc,
        'Vous avez bénéficié de l’avance immédiate : déclarez le montant des dépenses restant à votre charge ; le crédit d’impôt déjà perçu sera déduit par l’administration fiscale.',
        8.5,
      );
    paragraph(
      doc,
      'À reporter sur la déclaration de revenus (formulaire 2042-RICI). Document à conserver.',
      8,
    );
  });
  if (certificates.length === 0) paragraph(doc, 'Aucune attestation.', 10);
  doc.end();
  return done;
}
