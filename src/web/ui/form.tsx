import {
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import type { FieldError } from '../../shared/errors';
import { ApiError } from '../api/client';

export interface FormProblem {
  message: string;
  fields: FieldError[];
}

export const problemOf = (error: unknown): FormProblem =>
  error instanceof ApiError
    ? { message: error.message, fields: error.fields }
    : { message: 'Une erreur inattendue est survenue. Réessayez.', fields: [] };

/** The error summary at the top of a form: announced, focused, each field error a link to its field (RGAA 11.10). */
export function ErrorSummary({
  problem,
  labels,
}: {
  problem: FormProblem | null;
  labels: Record<string, string>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;
  return (
    <div ref={ref} className="alert alert-error" role="alert" tabIndex={-1}>
      <p>{problem.message}</p>
      {problem.fields.length > 0 && (
        <ul>
          {problem.fields.map((f) => (
            <li key={f.field + f.message}>
              <a href={`#field-${f.field}`}>
                {labels[f.field] ?? f.field} : {f.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message of the API (or of the form's own check) for one field, by its dotted path. */
export const errorOf = (problem: FormProblem | null | undefined, name: string): string | undefined =>
  problem?.fields.find((f) => f.field === name)?.message;

interface ControlWiring {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled control with its hint and its error tied to it (id `field-<name>`, the target of the error
 * summary's links, RGAA 11.1 and 11.10). Every field of the app goes through here.
 */
function Field({
  name,
  label,
  hint,
  problem,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  problem?: FormProblem | null;
  children(wiring: ControlWiring): ReactNode;
}) {
  const hintId = useId();
  const errorId = useId();
  const error = errorOf(problem, name);
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children({
        id: `field-${name}`,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  problem?: FormProblem | null;
}

export function TextField({
  name,
  label,
  value,
  onChange,
  hint,
  problem,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>) {
  return (
    <Field name={name} label={label} hint={hint} problem={problem}>
      {(wiring) => (
        <input
          {...wiring}
          name={name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...input}
        />
      )}
    </Field>
  );
}

export function SelectField({
  name,
  label,
  value,
  onChange,
  hint,
  problem,
  children,
  ...select
}: FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & { children: ReactNode }) {
  return (
    <Field name={name} label={label} hint={hint} problem={problem}>
      {(wiring) => (
        <select
          {...wiring}
          name={name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...select}
        >
          {children}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField({
  name,
  label,
  value,
  onChange,
  hint,
  problem,
  ...area
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'>) {
  return (
    <Field name={name} label={label} hint={hint} problem={problem}>
      {(wiring) => (
        <textarea
          {...wiring}
          name={name}
          rows={3}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...area}
        />
      )}
    </Field>
  );
}

/** A checkbox with its label after it; `id` defaults to `field-<name>`. */
export function CheckboxField({
  id,
  name,
  label,
  checked,
  onChange,
  hint,
}: {
  id?: string;
  name?: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
}) {
  const hintId = useId();
  const inputId = id ?? `field-${name ?? hintId}`;
  return (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={inputId}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? hintId : undefined}
      />
      <div>
        <label htmlFor={inputId}>{label}</label>
        {hint && (
          <p id={hintId} className="hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * A form's state kept in sessionStorage, so that what was typed survives a reload, an expired session
 * or a lost network. Never use it for passwords.
 */
export function useDraft<T extends object>(
  key: string,
  initial: T,
): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `proxidom:draft:${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? { ...initial, ...(JSON.parse(saved) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const update = (patch: Partial<T>) =>
    setValue((current) => {
      const next = { ...current, ...patch };
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the form still works, it just won't survive a reload.
      }
      return next;
    });
  const clear = () => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  };
  return [value, update, clear];
}

/** Sets the page title (RGAA 8.5/8.6): the page first, then the site. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ProxiDom`;
  }, [title]);
}
