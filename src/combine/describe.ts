/** How the combinators' argument errors show a value: its `typeof` and a short description. */
import { repr } from '../core/repr.js';

/** `number 42`, `string 'x'`, `object <Foo>`, `undefined`: for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return `${typeof value} ${repr(value)}`;
}
