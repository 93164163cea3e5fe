import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
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
export function ErrorSummary({ problem, labels }: { problem: FormProblem | null; labels: Record<string, string> }) {
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

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  problem?: FormProblem | null;
}

export function TextField({ name, label, value, onChange, hint, problem, ...input }: TextFieldProps) {
  const hintId = useId();
  const errorId = useId();
  const error = problem?.fields.find((f) => f.field === name)?.message;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input
        id={`field-${name}`}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A form's state kept in sessionStorage, so that what was typed survives a reload, an expired session
 * or a lost network. Never use it for passwords.
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
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
