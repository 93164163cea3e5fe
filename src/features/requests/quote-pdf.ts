/**
 * The quote (devis) PDF with the contents of the arrêté du 17 mars 2015 (SAP-REFERENCE §5.2): date, the
 * organisation's name, address and declaration / agrément number, the client, each service with its D7231-1
 * activity, mode and price HT and TTC, annex fees (even none), « devis gratuit », the tax advantage apart in
 * smaller type, the mandataire warning when a line is mandataire. pdfkit with built-in Helvetica (WinAnsi).
 */
import PDFDocument from 'pdfkit';
import { getActivity } from '../../domain/activities';
import { MANDATAIRE_EMPLOYER_WARNING, QUOTE_STANDARD_SENTENCE } from '../../domain/invoice';
import { formatEuros } from '../../domain/money';
import { MODE_INFO } from '../../domain/organisation';
import type { QuoteLineInput } from '../../domain/requests';
import { getSkill, isSkillCode } from '../../domain/skills';
import { frenchDate } from '../../shared/french-dates';

export interface QuotePrint {
  number: string;
  issuedOn: string;
  validUntil: string;
  firstAvailableOn: string;
  organisation: {
    name: string;
    address: string;
    siret: string;
    declarationNumber: string | null;
    agrementNumber: string | null;
    autorisationNumber: string | null;
    phone: string | null;
    email: string | null;
  };
  client: { name: string; address: string };
  lines: readonly QuoteLineInput[];
  annexFees: readonly { label: string; amountTtcCents: number }[];
  monthlyTtcCents: number;
  monthlyHtCents: number;
  workerProfile: { skills: readonly string[]; experienceYears: number | null; description: string | null };
  schedule: string;
  message: string | null;
}

/** Euros for the PDF: WinAnsi has the no-break space (U+00A0) but not the narrow one (U+202F). */
const euros = (cents: number): string => formatEuros(cents).replace(/\u202f/g, '\u00a0');
const hours = (h: number) => `${Math.round(h * 100) / 100}`.replace('.', ',');

export async function renderQuotePdf(quote: QuotePrint): Promise<Buffer> {
  const issued = new Date(`${quote.issuedOn}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: false,
    info: {
      Title: `Devis ${quote.number}`,
      Author: 'ProxiDom',
      Creator: 'ProxiDom',
      Producer: 'ProxiDom',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 100;
  const org = quote.organisation;

  doc.font('Helvetica-Bold').fontSize(13).text(org.name);
  doc.font('Helvetica').fontSize(9).text(org.address);
  doc.text(`SIRET ${org.siret}`);
  if (org.declarationNumber) doc.text(`Déclaration SAP n° ${org.declarationNumber}`);
  if (org.agrementNumber) doc.text(`Agrément n° ${org.agrementNumber}`);
  if (org.autorisationNumber) doc.text(`Autorisation n° ${org.autorisationNumber}`);
  const contact = [org.phone, org.email].filter(Boolean).join(' · ');
  if (contact) doc.text(contact);
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(10).text('Client');
  doc.font('Helvetica').text(quote.client.name);
  doc.text(quote.client.address);
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(15).text(`DEVIS n° ${quote.number}`);
  doc.font('Helvetica').fontSize(10);
  doc.text(
    `Date du devis : ${frenchDate(quote.issuedOn)} — valable jusqu'au ${frenchDate(quote.validUntil)}`,
  );
  doc.font('Helvetica-Bold').text('Devis gratuit.');
  doc
    .font('Helvetica')
    .text(
      `Première intervention possible le ${frenchDate(quote.firstAvailableOn)}. Créneaux : ${quote.schedule}.`,
    );
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(11).text('Prestations');
  doc.font('Helvetica').fontSize(9.5);
  for (const line of quote.lines) {
    const activity = getActivity(line.activityCode);
    doc
      .font('Helvetica-Bold')
      .text(
        `${activity.name} (art. D7231-1 ${activity.article} du code du travail) — mode ${MODE_INFO[line.mode].label.toLowerCase()}`,
        { width },
      );
    doc.font('Helvetica');
    if (line.description) doc.text(line.description, { width });
    doc.text(
      `Prix horaire : ${euros(line.hourlyPriceHtCents)} HT — ${euros(line.hourlyPriceTtcCents)} TTC ; ${hours(line.hoursPerMonth)} h par mois, soit ${euros(Math.round(line.hourlyPriceTtcCents * line.hoursPerMonth))} TTC par mois.`,
      { width },
    );
    doc.moveDown(0.4);
  }
  doc.font('Helvetica-Bold').text('Frais annexes (dossier, gestion, déplacement)');
  doc.font('Helvetica');
  if (quote.annexFees.length === 0) doc.text('Aucun frais annexe.');
  for (const fee of quote.annexFees) doc.text(`${fee.label} : ${euros(fee.amountTtcCents)} TTC`);
  doc.moveDown(0.5);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(`Total mensuel : ${euros(quote.monthlyHtCents)} HT — ${euros(quote.monthlyTtcCents)} TTC`);
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(10).text("Profil de l'intervenant·e proposé·e");
  doc.font('Helvetica').fontSize(9.5);
  const skills = quote.workerProfile.skills.map((s) => (isSkillCode(s) ? getSkill(s).label : s));
  if (skills.length > 0) doc.text(`Compétences : ${skills.join(' ; ')}`, { width });
  if (quote.workerProfile.experienceYears !== null)
    doc.text(`Expérience : ${quote.workerProfile.experienceYears} an(s)`);
  if (quote.workerProfile.description) doc.text(quote.workerProfile.description, { width });
  if (quote.message) {
    doc.moveDown(0.5);
    doc.text(quote.message, { width });
  }
  if (quote.lines.some((l) => l.mode === 'mandataire')) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(10).text(MANDATAIRE_EMPLOYER_WARNING, { width });
  }
  doc.moveDown();
  // Tax and social advantages apart from the price, in smaller type (arrêté du 17 mars 2015).
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .text(
      "Avantage fiscal : les sommes versées pour des services à la personne ouvrent droit, sous conditions, à un crédit d'impôt de 50 % (article 199 sexdecies du code général des impôts), dans la limite des plafonds en vigueur ; l'APA éventuelle est déduite de la base.",
      { width },
    );
  doc.text(QUOTE_STANDARD_SENTENCE, { width });
  doc.end();
  return done;
}
