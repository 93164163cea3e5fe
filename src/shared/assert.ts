/** Makes a `switch` exhaustive: the compiler rejects a call reached with a value left unhandled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${String(value)}`);
}
