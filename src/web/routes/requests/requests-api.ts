import { formatEuros } from '../../../domain/money';

export const euros = (cents: number): string => formatEuros(cents);
export { frenchDate } from '../../../shared/french-dates';

export interface MessageView {
  id: string;
  organisationId: string;
  authorRole: 'household' | 'provider';
  body: string;
  createdAt: string;
}

export interface QuoteLineView {
  activityCode: string;
  mode: string;
  description: string | null;
  hourlyPriceTtcCents: number;
  hourlyPriceHtCents: number;
  hoursPerMonth: number;
}

export interface QuoteView {
  id: string;
  number: string;
  organisationId: string;
  organisationName?: string;
  lines: QuoteLineView[];
  monthlyTtcCents: number;
  monthlyHtCents: number;
  hourlyPriceTtcCents: number;
  firstAvailableOn: string;
  validUntil: string;
  status: string;
  statusLabel: string;
  pdfUrl: string;
}

export interface ComparisonRow {
  quoteId: string;
  organisationId: string;
  organisationName: string;
  qualityLabels: string[];
  hourlyPriceTtcCents: number;
  monthlyTtcCents: number;
  monthlyApaCents: number;
  monthlyTaxCreditCents: number;
  monthlyNetCostCents: number;
  firstAvailableOn: string;
  validUntil: string;
  workerProfile: { skills: string[]; experienceYears: number | null; description: string | null };
  status: string;
  statusLabel: string;
  isCheapest: boolean;
  pdfUrl: string;
}

export interface HouseholdRequestView {
  id: string;
  status: string;
  statusLabel: string;
  activities: { code: string; name: string }[];
  modeLabel: string;
  person: {
    kind: string;
    kindLabel: string;
    firstName: string;
    birthYear: number | null;
    gir: number | null;
  };
  communeName: string;
  addressLine: string;
  postalCode: string;
  scheduleSummary: string;
  hoursPerMonth: number;
  startsOn: string;
  durationMonths: number | null;
  budgetMonthlyCents: number | null;
  wishes: string | null;
  routings: {
    organisationId: string;
    organisationName: string;
    reason: string;
    status: string;
    statusLabel: string;
    declineReason: string | null;
    distanceKm: number | null;
    qualityLabels: string[];
  }[];
  comparison: ComparisonRow[];
  messages: MessageView[];
}

export interface ProviderRequestView {
  id: string;
  requestStatus: string;
  requestStatusLabel: string;
  routingStatus: string;
  routingStatusLabel: string;
  reason: string;
  declineReason: string | null;
  distanceKm: number | null;
  activities: { code: string; name: string }[];
  activityCodes: string[];
  mode: string;
  modeLabel: string;
  person: {
    kindLabel: string;
    firstName: string;
    ageBracket: string;
    gir: number | null;
    hasApaPlan: boolean;
  };
  clientName: string;
  communeName: string;
  address: { addressLine: string; postalCode: string } | null;
  scheduleSummary: string;
  hoursPerMonth: number;
  startsOn: string;
  durationMonths: number | null;
  budgetMonthlyCents: number | null;
  wishes: string | null;
  fit: { nearbyWorkers: number; skilledWorkers: number; roomHoursPerWeek: number };
  quotes?: QuoteView[];
  messages?: MessageView[];
}

export { useLoad as useApi } from '../../api/use-load';
