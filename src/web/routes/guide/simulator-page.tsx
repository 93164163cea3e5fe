import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import {
  ACTIVITY_DOMAINS,
  ACTIVITY_DOMAIN_LABELS,
  ACTIVITIES,
  getActivity,
} from '../../../domain/activities';
import { APA_MIN_AGE, GIR_LEVELS, getApaPlanCeilingCents, isApaGir } from '../../../domain/apa';
import { formatEuros } from '../../../domain/money';
import { MODES, MODE_INFO } from '../../../domain/organisation';
import { simulateHouseholdCost, type SimulatorResult, type SimulatorTotals } from '../../../domain/simulator';
import { PAYMENT_MEANS_LABELS, type PaymentMeans } from '../../../domain/tax-credit';
import { api } from '../../api/client';
import {
  CheckboxField,
  ErrorSummary,
  SelectField,
  TextField,
  useDraft,
  usePageTitle,
  type FormProblem,
} from '../../ui/form';
import { Breadcrumb } from './GuideArticle';
import { APA_LATEST_YEAR, creditRate } from './guide-figures';
import {
  FORM_PAYMENT_MEANS,
  INITIAL_FORM,
  SIMULATOR_PRESETS,
  applyPrefill,
  applyPreset,
  buildSimulatorInput,
  fieldLabels,
  formGir,
  formSnapshot,
  hasPrefill,
  newLine,
  pickOrganisationPrice,
  readPrefill,
  type OrganisationPrices,
  type SimulatorFormState,
  type SimulatorLineForm,
} from './simulator-form';

const INVALID_FORM_MESSAGE = 'Le calcul n’a pas pu se faire : corrigez les champs signalés ci-dessous.';

/** /simulateur: what SAP cost a household, after the APA and the tax credit. Everything is computed here, in the browser. */
export function SimulatorPage() {
  usePageTitle('Simulateur du coût des services à la personne');
  const location = useLocation();
  const [form, update, clear] = useDraft<SimulatorFormState>('simulateur', INITIAL_FORM);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [result, setResult] = useState<SimulatorResult | null>(null);
  /** The form the result was computed from, to say when it no longer matches what is typed. */
  const [computedFrom, setComputedFrom] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  // The effects below read the latest form and updater without re-running when they change.
  const formRef = useRef(form);
  formRef.current = form;
  const updateRef = useRef(update);
  updateRef.current = update;

  // Show the result again after a reload, without moving the focus.
  useEffect(() => {
    if (!form.isResultShown) return;
    const built = buildSimulatorInput(form);
    if (built.ok) {
      setResult(simulateHouseholdCost(built.input));
      setComputedFrom(formSnapshot(form));
    }
    // Only on arrival: afterwards the result follows the « Calculer » button.
  }, []);

  // URL prefill (?activite=&organisation=&prix=&mode=), applied once per URL so a reload keeps what was typed.
  useEffect(() => {
    const search = location.search;
    const prefill = readPrefill(new URLSearchParams(search));
    if (!hasPrefill(prefill) || search === formRef.current.appliedSearch) return;
    const update = updateRef.current;
    if (prefill.organisationId === null) {
      const next = applyPrefill(formRef.current, prefill, search);
      update({ lines: next.lines, appliedSearch: search, isResultShown: false });
      return;
    }
    let isCancelled = false;
    const organisationId = prefill.organisationId;
    setStatus('Chargement du tarif de la structure…');
    api<OrganisationPrices>(`/api/directory/organisations/${encodeURIComponent(organisationId)}`)
      .then((organisation) => {
        if (isCancelled) return;
        const picked = pickOrganisationPrice(organisation, prefill.activityCode, prefill.mode);
        if (picked === null) {
          const next = applyPrefill(formRef.current, prefill, search);
          update({ lines: next.lines, appliedSearch: search, isResultShown: false });
          setStatus(
            `${organisation.name} n’affiche pas de prix à l’heure pour ce service : indiquez le prix de son devis.`,
          );
          return;
        }
        const next = applyPrefill(
          formRef.current,
          { ...prefill, activityCode: picked.activityCode, mode: picked.mode, priceCents: picked.priceCents },
          search,
          { organisationId, organisationName: organisation.name },
        );
        update({ lines: next.lines, appliedSearch: search, isResultShown: false });
        setStatus(`Tarif de ${organisation.name} repris dans le simulateur.`);
      })
      .catch(() => {
        if (isCancelled) return;
        const next = applyPrefill(formRef.current, prefill, search);
        update({ lines: next.lines, appliedSearch: search, isResultShown: false });
        setStatus('Le tarif de la structure n’a pas pu être chargé : indiquez le prix de l’heure vous-même.');
      });
    return () => {
      isCancelled = true;
    };
  }, [location.search]);

  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const setLine = (index: number, patch: Partial<SimulatorLineForm>) =>
    update({ lines: form.lines.map((line, i) => (i === index ? { ...line, ...patch } : line)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildSimulatorInput(form);
    if (!built.ok) {
      setResult(null);
      setProblem({ message: INVALID_FORM_MESSAGE, fields: built.fields });
      update({ isResultShown: false });
      return;
    }
    setProblem(null);
    setResult(simulateHouseholdCost(built.input));
    setComputedFrom(formSnapshot(form));
    update({ isResultShown: true });
    setFocusId('resultat');
  };

  const labels = fieldLabels(form);
  const isStale = result !== null && computedFrom !== formSnapshot(form);
  const gir = formGir(form);

  return (
    <>
      <Breadcrumb items={[{ label: 'Accueil', to: '/' }, { label: 'Simulateur' }]} />
      <h1>Combien vont vous coûter vos services à la personne ?</h1>
      <p className="lead">
        Indiquez les services, le nombre d’heures et le prix : le simulateur calcule ce que vous paierez
        chaque mois, après l’APA et le crédit d’impôt de {creditRate}, et ce que l’avance immédiate change.
      </p>
      <p className="hint">
        Pas besoin de compte : le calcul se fait sur votre appareil, rien n’est envoyé. Ce que vous tapez est
        gardé si vous rechargez la page.
      </p>
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate className="simulator-form">
        <section aria-labelledby="sim-foyer" className="sim-step">
          <h2 id="sim-foyer">1. Votre foyer</h2>
          <div role="group" aria-labelledby="sim-presets-title" className="sim-presets">
            <p id="sim-presets-title">Partir d’une situation type (vous pourrez la modifier) :</p>
            <ul>
              {SIMULATOR_PRESETS.map((preset) => (
                <li key={preset.id}>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-describedby={`preset-${preset.id}`}
                    onClick={() => {
                      update(applyPreset(form, preset));
                      setStatus(`Situation « ${preset.label} » remplie : vérifiez-la ci-dessous.`);
                    }}
                  >
                    {preset.label}
                  </button>
                  <span id={`preset-${preset.id}`} className="hint">
                    {' '}
                    {preset.description}
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <p role="status" className="sim-status">
            {status}
          </p>
          <div className="form-grid">
            <TextField
              name="household.dependentChildren"
              label="Enfants à charge"
              inputMode="numeric"
              value={form.dependentChildren}
              onChange={(dependentChildren) => update({ dependentChildren })}
              problem={problem}
              hint="Comptez les enfants qui vivent chez vous."
            />
            <TextField
              name="household.membersOver65"
              label="Personnes de plus de 65 ans dans le foyer"
              inputMode="numeric"
              value={form.membersOver65}
              onChange={(membersOver65) => update({ membersOver65 })}
              problem={problem}
              hint="Vous, votre conjoint… chacune augmente le plafond."
            />
          </div>
          <CheckboxField
            name="household.invalidity"
            label="Une personne du foyer a une carte d’invalidité et a besoin de l’aide d’une tierce personne"
            checked={form.invalidity}
            onChange={(invalidity) => update({ invalidity })}
          />
          <CheckboxField
            name="household.firstYearDirectEmployment"
            label="C’est la première année où vous employez directement quelqu’un à domicile"
            hint="Compte seulement en emploi direct."
            checked={form.firstYearDirectEmployment}
            onChange={(firstYearDirectEmployment) => update({ firstYearDirectEmployment })}
          />
        </section>

        <section aria-labelledby="sim-services" className="sim-step">
          <h2 id="sim-services">2. Les services</h2>
          {form.lines.map((line, i) => (
            <LineFields
              key={line.key}
              line={line}
              index={i}
              count={form.lines.length}
              problem={problem}
              onChange={(patch) => setLine(i, patch)}
              onRemove={() => {
                update({ lines: form.lines.filter((_, k) => k !== i) });
                setStatus(`Service ${i + 1} retiré.`);
                setFocusId('sim-add-line');
              }}
            />
          ))}
          {form.lines.length < ACTIVITIES.length && (
            <button
              type="button"
              id="sim-add-line"
              className="button button-secondary"
              onClick={() => {
                const index = form.lines.length;
                update({ lines: [...form.lines, newLine(`l${Date.now()}`)] });
                setStatus(`Service ${index + 1} ajouté.`);
                setFocusId(`field-lines.${index}.activityCode`);
              }}
            >
              Ajouter un service
            </button>
          )}
        </section>

        <section aria-labelledby="sim-apa" className="sim-step">
          <h2 id="sim-apa">3. Une personne âgée dépendante (APA)</h2>
          <CheckboxField
            name="hasDependentPerson"
            label="Les services sont pour une personne âgée qui a besoin d’aide au quotidien"
            hint={`L’APA du Département aide les personnes de ${APA_MIN_AGE} ans et plus, évaluées en GIR 1 à 4.`}
            checked={form.hasDependentPerson}
            onChange={(hasDependentPerson) => update({ hasDependentPerson })}
          />
          {form.hasDependentPerson && (
            <div className="form-grid">
              <SelectField
                name="dependentPerson.gir"
                label="GIR de la personne"
                value={form.gir}
                onChange={(g) => update({ gir: g })}
                problem={problem}
                hint="Indiqué dans la décision du Département. GIR 1 : le plus grand besoin d’aide."
              >
                {GIR_LEVELS.map((g) => (
                  <option key={g} value={String(g)}>
                    GIR {g}
                    {isApaGir(g) ? '' : ' (pas d’APA)'}
                  </option>
                ))}
              </SelectField>
              <TextField
                name="dependentPerson.ageYears"
                label="Âge de la personne (facultatif)"
                inputMode="numeric"
                value={form.ageYears}
                onChange={(ageYears) => update({ ageYears })}
                problem={problem}
              />
              <TextField
                name="dependentPerson.apaPlanMonthlyCents"
                label="Montant du plan d’aide APA, en euros par mois"
                inputMode="decimal"
                value={form.apaPlan}
                onChange={(apaPlan) => update({ apaPlan })}
                problem={problem}
                hint={
                  isApaGir(gir)
                    ? `Indiqué dans la décision du Département. Au plus ${formatEuros(getApaPlanCeilingCents(gir, APA_LATEST_YEAR))} par mois en GIR ${gir} (${APA_LATEST_YEAR}).`
                    : 'En GIR 5 ou 6, il n’y a pas d’APA : laissez vide.'
                }
              />
              <TextField
                name="dependentPerson.monthlyIncomeCents"
                label="Ressources de la personne, en euros par mois (facultatif)"
                inputMode="decimal"
                value={form.monthlyIncome}
                onChange={(monthlyIncome) => update({ monthlyIncome })}
                problem={problem}
                hint="Elles servent à estimer la participation qui reste à sa charge."
              />
            </div>
          )}
        </section>

        <section aria-labelledby="sim-paiement" className="sim-step">
          <h2 id="sim-paiement">4. Le paiement</h2>
          <CheckboxField
            name="wantsAvanceImmediate"
            label="Je veux utiliser l’avance immédiate du crédit d’impôt"
            hint="Le crédit d’impôt est déduit à chaque facture, si votre structure le propose."
            checked={form.wantsAvanceImmediate}
            onChange={(wantsAvanceImmediate) => update({ wantsAvanceImmediate })}
          />
          <CheckboxField
            name="household.hasFiledTaxReturn"
            label="J’ai déjà fait au moins une déclaration de revenus"
            checked={form.hasFiledTaxReturn}
            onChange={(hasFiledTaxReturn) => update({ hasFiledTaxReturn })}
          />
          <SelectField
            name="paymentMeans"
            label="Comment payez-vous ?"
            value={form.paymentMeans}
            onChange={(m) => update({ paymentMeans: m as PaymentMeans })}
            problem={problem}
            hint="Payé en espèces, un service n’ouvre pas droit au crédit d’impôt."
          >
            {FORM_PAYMENT_MEANS.map((m) => (
              <option key={m} value={m}>
                {PAYMENT_MEANS_LABELS[m]}
              </option>
            ))}
          </SelectField>
        </section>

        <p className="sim-actions">
          <button type="submit" className="button">
            Calculer le coût
          </button>{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              clear();
              setResult(null);
              setProblem(null);
              setStatus('Le formulaire a été vidé.');
            }}
          >
            Tout effacer
          </button>
        </p>
      </form>

      <section aria-labelledby="resultat" className="sim-result">
        <h2 id="resultat" tabIndex={-1}>
          Résultat
        </h2>
        {isStale && (
          <p className="alert alert-info">
            Vous avez modifié le formulaire : choisissez « Calculer le coût » pour mettre le résultat à jour.
          </p>
        )}
        <div role="status" aria-live="polite" aria-atomic="true">
          {result ? (
            <p className="sim-headline">
              Coût après crédit d’impôt : <strong>{formatEuros(result.monthly.netCostCents)} par mois</strong>{' '}
              ({formatEuros(result.yearly.netCostCents)} par an).{' '}
              {result.avanceImmediate.used
                ? `Avec l’avance immédiate, vous payez ${formatEuros(result.monthly.paidNowCents)} par mois et rien de plus.`
                : `Vous payez ${formatEuros(result.monthly.paidNowCents)} par mois, puis ${formatEuros(result.yearly.refundedLaterCents)} vous sont rendus l’année suivante.`}
            </p>
          ) : (
            <p className="hint">Remplissez le formulaire puis choisissez « Calculer le coût ».</p>
          )}
        </div>
        {result && <ResultDetails result={result} />}
        {result && form.lines[0] && (
          <p>
            <Link
              className="button"
              to={`/foyer/demandes/nouvelle?${new URLSearchParams({ activite: form.lines[0].activityCode, ...(form.lines[0].priceSource ? { organisation: form.lines[0].priceSource.organisationId } : {}) })}`}
            >
              Faire une demande
            </Link>{' '}
            <span className="hint">Recevez des devis des structures qui peuvent intervenir chez vous.</span>
          </p>
        )}
      </section>
    </>
  );
}

function LineFields({
  line,
  index,
  count,
  problem,
  onChange,
  onRemove,
}: {
  line: SimulatorLineForm;
  index: number;
  count: number;
  problem: FormProblem | null;
  onChange(patch: Partial<SimulatorLineForm>): void;
  onRemove(): void;
}) {
  const n = count > 1 ? ` (service ${index + 1})` : '';
  const activity = getActivity(line.activityCode);
  return (
    <fieldset className="sim-line">
      <legend>
        Service {index + 1}
        {count > 1 ? ` : ${activity.name}` : ''}
      </legend>
      <SelectField
        name={`lines.${index}.activityCode`}
        label={`Service${n}`}
        value={line.activityCode}
        onChange={(code) =>
          onChange({ activityCode: code as SimulatorLineForm['activityCode'], priceSource: null })
        }
        problem={problem}
        hint={<Link to={`/activites/${line.activityCode}`}>En savoir plus sur « {activity.name} »</Link>}
      >
        {ACTIVITY_DOMAINS.map((d) => (
          <optgroup key={d} label={ACTIVITY_DOMAIN_LABELS[d]}>
            {ACTIVITIES.filter((a) => a.domains[0] === d).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <div className="form-grid">
        <TextField
          name={`lines.${index}.hoursPerMonth`}
          label={`Heures par mois${n}`}
          inputMode="decimal"
          autoComplete="off"
          value={line.hours}
          onChange={(hours) => onChange({ hours })}
          problem={problem}
          hint="Par exemple 10, ou 2,5 pour deux heures et demie."
        />
        <TextField
          name={`lines.${index}.hourlyPriceCents`}
          label={`Prix de l’heure, en euros${n}`}
          inputMode="decimal"
          autoComplete="off"
          value={line.price}
          onChange={(price) => onChange({ price, priceSource: null })}
          problem={problem}
          hint={
            line.priceSource
              ? `Tarif de ${line.priceSource.organisationName} (${MODE_INFO[line.mode].label.toLowerCase()}). Vous pouvez le changer.`
              : line.mode === 'emploi_direct'
                ? 'En emploi direct : le coût complet d’une heure, salaire et cotisations compris.'
                : 'Le prix toutes taxes comprises, tel qu’il figure sur le devis.'
          }
        />
        <SelectField
          name={`lines.${index}.mode`}
          label={`Mode d’intervention${n}`}
          value={line.mode}
          onChange={(mode) => onChange({ mode: mode as SimulatorLineForm['mode'], priceSource: null })}
          problem={problem}
          hint={<Link to="/guide/modes">Quelle différence ?</Link>}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_INFO[m].label}
            </option>
          ))}
        </SelectField>
      </div>
      {count > 1 && (
        <button type="button" className="button button-secondary" onClick={onRemove}>
          Retirer le service {index + 1}
        </button>
      )}
    </fieldset>
  );
}

function TotalsRow({
  label,
  pick,
  result,
  emphasis = false,
}: {
  label: string;
  pick: (t: SimulatorTotals) => number;
  result: SimulatorResult;
  emphasis?: boolean;
}) {
  const Cell = emphasis ? 'strong' : 'span';
  return (
    <tr className={emphasis ? 'sim-total' : undefined}>
      <th scope="row">{label}</th>
      <td>
        <Cell>{formatEuros(pick(result.monthly))}</Cell>
      </td>
      <td>
        <Cell>{formatEuros(pick(result.yearly))}</Cell>
      </td>
    </tr>
  );
}

function ResultDetails({ result }: { result: SimulatorResult }) {
  const tax = result.taxCredit;
  const subCeilings = tax.activities.filter((a) => a.subCeilingCents !== null);
  return (
    <>
      {result.apa && (
        <p className="sim-apa">
          Part payée par l’APA : <strong>{formatEuros(result.monthly.apaCents)} par mois</strong> (
          {formatEuros(result.yearly.apaCents)} par an). Participation de la personne :{' '}
          {formatEuros(result.apa.participationCents)} par mois.
        </p>
      )}
      <div className="table-scroll" role="region" aria-labelledby="sim-totaux-caption" tabIndex={0}>
        <table className="guide-table sim-table">
          <caption id="sim-totaux-caption">Votre coût, par mois et par an</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">Par mois</th>
              <th scope="col">Par an</th>
            </tr>
          </thead>
          <tbody>
            <TotalsRow label="Prix des services" pick={(t) => t.grossCents} result={result} />
            {result.apa && <TotalsRow label="Payé par l’APA" pick={(t) => t.apaCents} result={result} />}
            <TotalsRow
              label="À votre charge avant crédit d’impôt"
              pick={(t) => t.householdShareCents}
              result={result}
            />
            <TotalsRow label="Crédit d’impôt" pick={(t) => t.taxCreditCents} result={result} />
            <TotalsRow
              label={
                result.avanceImmediate.used ? 'Payé maintenant (avance immédiate déduite)' : 'Payé maintenant'
              }
              pick={(t) => t.paidNowCents}
              result={result}
            />
            <TotalsRow label="Rendu l’année suivante" pick={(t) => t.refundedLaterCents} result={result} />
            <TotalsRow
              label="Coût après crédit d’impôt"
              pick={(t) => t.netCostCents}
              result={result}
              emphasis
            />
          </tbody>
        </table>
      </div>

      <h3>Le crédit d’impôt, plafonds appliqués</h3>
      <ul className="plain-list">
        {subCeilings.map((a) => (
          <li key={a.activityCode}>{a.explanation}</li>
        ))}
        <li>{tax.ceiling.explanation}</li>
        <li>
          Dépenses prises en compte : {formatEuros(tax.retainedSpendingCents)} par an ; crédit d’impôt de{' '}
          {creditRate} : <strong>{formatEuros(tax.creditCents)} par an</strong>.
        </li>
        <li>{result.avanceImmediate.explanation}</li>
      </ul>

      <h3>Service par service</h3>
      <ul className="plain-list">
        {result.lines.map((l, i) => (
          <li key={`${l.activityCode}-${i}`}>{l.explanation}</li>
        ))}
      </ul>

      {result.warnings.length > 0 && (
        <>
          <h3>À savoir</h3>
          <ul className="plain-list">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}

      <h3>D’où vient chaque chiffre</h3>
      <dl className="sim-explanations">
        {result.explanations.map((e, i) => (
          <div key={`${e.key}-${i}`}>
            <dt>
              {e.label} : {formatEuros(e.amountCents)}
            </dt>
            <dd>{e.text}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        Cette simulation est une estimation, faite avec les règles en vigueur à la date de mise à jour du
        guide. Le montant de l’APA et de la participation est fixé par le Département ; le crédit d’impôt, par
        l’administration fiscale. <Link to="/guide/credit-impot">Comprendre le crédit d’impôt</Link> ·{' '}
        <Link to="/guide/apa-pch">Comprendre l’APA</Link>
      </p>
    </>
  );
}
