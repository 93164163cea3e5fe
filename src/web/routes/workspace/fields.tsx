import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { FormProblem } from '../../ui/form';

/** The message of the API (or of the form's own check) for one field, by its dotted path. */
export const errorOf = (problem: FormProblem | null | undefined, name: string): string | undefined =>
  problem?.fields.find((f) => f.field === name)?.message;

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  problem?: FormProblem | null;
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled select whose error is tied to it (id `field-<name>`, the target of the error summary's links). */
export function SelectField({
  name,
  label,
  value,
  onChange,
  problem,
  hint,
  children,
  ...select
}: SelectFieldProps) {
  const hintId = useId();
  const errorId = useId();
  const error = errorOf(problem, name);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <select
        id={`field-${name}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
        }
        {...select}
      >
        {children}
      </select>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  problem?: FormProblem | null;
  hint?: ReactNode;
}

export function TextAreaField({ name, label, value, onChange, problem, hint, ...area }: TextAreaFieldProps) {
  const hintId = useId();
  const errorId = useId();
  const error = errorOf(problem, name);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <textarea
        id={`field-${name}`}
        value={value}
        rows={3}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
        }
        {...area}
      />
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label after it. */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: string;
}) {
  return (
    <div className="checkbox-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>
        {label}
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {' '}
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

/** « 12,5 » or « 12.5 » → 12.5; empty → null; not a number → NaN (the schema says so). */
export function numberOf(text: string): number | null {
  const trimmed = text.trim().replace(',', '.').replace(/\s/g, '');
  return trimmed === '' ? null : Number(trimmed);
}

/** « 24,50 » € → 2450 cents. */
export function centsOf(text: string): number | null {
  const n = numberOf(text);
  return n === null ? null : Math.round(n * 100);
}
