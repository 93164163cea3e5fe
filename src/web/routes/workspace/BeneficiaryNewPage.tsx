import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { useCommunes } from '../directory/geography';
import { SelectField } from './fields';
import {
  checkIdentity,
  emptyIdentity,
  identityBody,
  identityLabels,
  IdentityFields,
} from './identity-fields';
import { useLoad } from './workspace-api';

interface HouseholdSummary {
  id: string;
  name: string;
}

/** A new beneficiary, in a new household (described here) or an existing one. */
export function BeneficiaryNewPage() {
  usePageTitle('Nouveau bénéficiaire');
  const navigate = useNavigate();
  const communes = useCommunes();
  const households = useLoad<HouseholdSummary[] | { items: HouseholdSummary[] }>('/api/households');
  const householdList = Array.isArray(households.data) ? households.data : (households.data?.items ?? []);
  const [draft, update, clear] = useDraft('beneficiary-new', {
    ...emptyIdentity,
    householdChoice: 'new',
    householdId: '',
    householdName: '',
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isSending, setIsSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const own = checkIdentity(draft);
    if (own) {
      setProblem(own);
      return;
    }
    const identity = identityBody(draft);
    const body =
      draft.householdChoice === 'existing'
        ? { ...identity, householdId: draft.householdId || undefined }
        : {
            ...identity,
            household: {
              name: draft.householdName.trim() || `Foyer ${draft.lastName.trim().toUpperCase()}`,
              addressLine: identity.addressLine,
              postalCode: identity.postalCode,
              communeCode: identity.communeCode,
              latitude: identity.latitude,
              longitude: identity.longitude,
              phone: identity.phone,
            },
          };
    setIsSending(true);
    try {
      const created = await api<{ id: string }>('/api/beneficiaries', { method: 'POST', body });
      clear();
      navigate(`/structure/beneficiaires/${created.id}`, {
        state: { flash: `Le dossier de ${draft.firstName} ${draft.lastName} est créé.` },
      });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <>
      <p className="back-link">
        <Link to="/structure/beneficiaires">← Bénéficiaires</Link>
      </p>
      <PageHeader title="Nouveau bénéficiaire">
        <p className="lead">
          Identité, adresse et foyer. Le plan d’aide, les contacts et les contrats se complètent ensuite dans
          le dossier.
        </p>
      </PageHeader>
      <ErrorSummary problem={problem} labels={identityLabels} />
      <form onSubmit={submit} noValidate>
        <IdentityFields draft={draft} update={update} problem={problem} communes={communes.data ?? []} />
        <fieldset className="regime-fieldset">
          <legend>Foyer (qui paie et reçoit le crédit d’impôt)</legend>
          <div className="radio">
            <input
              id="household-new"
              type="radio"
              name="householdChoice"
              checked={draft.householdChoice === 'new'}
              onChange={() => update({ householdChoice: 'new' })}
            />
            <label htmlFor="household-new">Nouveau foyer, à la même adresse</label>
          </div>
          <div className="radio">
            <input
              id="household-existing"
              type="radio"
              name="householdChoice"
              checked={draft.householdChoice === 'existing'}
              onChange={() => update({ householdChoice: 'existing' })}
            />
            <label htmlFor="household-existing">Foyer déjà connu de la structure</label>
          </div>
          {draft.householdChoice === 'new' ? (
            <TextField
              name="household.name"
              label={identityLabels['household.name']!}
              value={draft.householdName}
              onChange={(householdName) => update({ householdName })}
              problem={problem}
              hint={`Par défaut : « Foyer ${draft.lastName.trim().toUpperCase() || 'NOM'} ».`}
            />
          ) : (
            <SelectField
              name="householdId"
              label={identityLabels.householdId!}
              value={draft.householdId}
              onChange={(householdId) => update({ householdId })}
              problem={problem}
            >
              <option value="">Choisir un foyer</option>
              {householdList.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </SelectField>
          )}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" disabled={isSending}>
            Créer le dossier
          </button>
        </div>
      </form>
    </>
  );
}
