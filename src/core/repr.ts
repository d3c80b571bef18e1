import { INSPECT } from './symbol-method.js';
type Inspectable = { [INSPECT]?: () => unknown };

/**
 * A short, never-throwing description of any value, in the spirit of Python's
 * `repr`: used by `Deferred.toString()` ("current result: 'orange'") and by Failure
 * messages. Strings are single-quoted as Python prints them.
 */
export function repr(value: unknown, depth = 0): string {
  try {
    switch (typeof value) {
      case 'string':
        return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
      case 'function':
        return `<function ${value.name || '(anonymous)'}>`;
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return value.toString();
      case 'object': {
        if (value === null) return 'null';
        if (Array.isArray(value)) {
          if (depth > 1) return '[...]';
          return `[${value.map((item) => repr(item, depth + 1)).join(', ')}]`;
        }
        const inspect = (value as Inspectable)[INSPECT];
        if (typeof inspect === 'function') return String(inspect.call(value));
        if (value instanceof Error) return `${value.name}(${repr(value.message, depth + 1)})`;
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only for an object whose class defines toString (hasOwnToString)
        if (hasOwnToString(value)) return String(value);
        return `<${value.constructor?.name ?? 'Object'}>`;
      }
      default:
        return String(value);
    }
  } catch {
    return '<unprintable value>';
  }
}

/** Whether the object (or a class it inherits from, other than Object) defines toString. */
function hasOwnToString(value: object): boolean {
  let proto: object | null = value;
  while (proto !== null && proto !== Object.prototype) {
    if (Object.prototype.hasOwnProperty.call(proto, 'toString')) return true;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return false;
}

/** `String(value)`, or a description of the failure if converting throws (Twisted's safe_str). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch (error) {
    let why: string;
    try {
      why = String(error);
    } catch {
      why = 'an error that cannot be printed';
    }
    return `<${describeType(value)} instance with str error: ${why}>`;
  }
}

function describeType(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    try {
      return (value.constructor as { name?: string } | undefined)?.name ?? 'Object';
    } catch {
      return 'Object';
    }
  }
  return typeof value;
}

/** `number 42`, `string 'x'`, `object <Foo>`, `null`, `undefined`: what a bad argument was, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return `${typeof value} ${repr(value)}`;
}
