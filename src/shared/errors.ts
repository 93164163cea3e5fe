/** The closed set of expected failures; src/server/plugins/errors.ts maps each to an HTTP status. */
export type DomainErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'csrf'
  | 'unprocessable';

export interface FieldError {
  /** Dotted path of the field at fault, e.g. `address.postalCode`. */
  field: string;
  /** French message for the person who typed it. */
  message: string;
}

/** An expected failure with a French message that can be shown to the user as is. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} introuvable.`);
