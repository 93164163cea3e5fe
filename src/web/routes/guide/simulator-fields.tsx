import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { FormProblem } from '../../ui/form';

/** A select with its label, hint and error, wired like `TextField` (id `field-<name>`, error next to it). */
export function SelectField({
  name,
  label,
  value,
  onChange,
  hint,
  problem,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  problem?: FormProblem | null;
  children: ReactNode;
}) {
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
      <select
        id={`field-${name}`}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {children}
      </select>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label on the right and an optional hint. */
export function CheckboxField({
  name,
  label,
  checked,
  onChange,
  hint,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
}) {
  const hintId = useId();
  return (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={`field-${name}`}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? hintId : undefined}
      />
      <div>
        <label htmlFor={`field-${name}`}>{label}</label>
        {hint && (
          <p id={hintId} className="hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
