/**
 * Failure (twisted.python.failure.Failure): a thrown value, wrapped so it can travel
 * down a Deferred's errback chain and be inspected there.
 *
 * Anything can be thrown in JavaScript, so a Failure wraps any value, Error or not.
 * `check` and `trap` match by the prototype chain (a `ValueError` is also an `Error`),
 * and by class name when given a string.
 */
import { brandKind, FAILURE_KIND, kindOf } from './brand.js';
import { captureStack, getDebugging, stackFrames } from './debug.js';
import { ERROR_NAME, NoCurrentExceptionError } from './errors.js';
import { describeValue, safeString } from './repr.js';
import { defineSymbolMethod, INSPECT } from './symbol-method.js';

/** What `check` and `trap` accept: a class (matched along the prototype chain) or a class name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any class, whatever its constructor takes: with unknown[], a class whose constructor takes a string would not be accepted
export type ErrorType = (abstract new (...args: any[]) => unknown) | string;

/**
 * What `new Failure(failure)` copies from the Failure it is given (this copy's or another's):
 * the value and the frames recorded for a value without a stack of its own; `undefined`
 * if a foreign-looking object throws when read.
 */
let copyOf: (failure: Failure) => { value: unknown; frames: string[] | undefined } | undefined;

/** Whether `value` is a Failure of this copy of txdefer: a private-field check that no Proxy trap sees. */
let isOwnFailure: (value: object) => boolean;

/**
 * A thrown value, wrapped to travel down a Deferred's errback chain (Twisted's Failure):
 * `value` is what was thrown; `check` and `trap` ask what kind of error it is; the
 * traceback methods describe it.
 */
export class Failure {
  /** The wrapped value: the thrown Error, or whatever else was thrown or passed to `errback`. */
  readonly value: unknown;
  /** Frames recorded for a value that has no stack of its own (debug mode only), or kept by cleanFailure(). */
  #frames: string[] | undefined;
  /** Whether cleanFailure() has run (Twisted's `pickled`). */
  #cleaned = false;

  /**
   * Wrap `value`. A Failure given another Failure copies it (as Twisted does).
   * There is no "current exception" in JavaScript, so calling it with no argument at
   * all throws `NoCurrentExceptionError` (the type requires the argument, so only
   * JavaScript callers get that far); `new Failure(undefined)` wraps `undefined`.
   */
  constructor(value: unknown) {
    if (arguments.length === 0) {
      throw new NoCurrentExceptionError(
        'new Failure() needs the value to wrap: JavaScript has no "current exception" to pick up, so pass the caught error',
      );
    }
    // Building a Failure must never throw, whatever was thrown: the run loop relies on it
    // (a revoked Proxy, or a value whose `message` getter throws, is wrapped like any other).
    const copied = isFailure(value) ? copyOf(value) : undefined;
    if (copied !== undefined) {
      this.value = copied.value;
      this.#frames = copied.frames;
    } else {
      this.value = value;
      this.#frames = getDebugging() && !isErrorLike(value) ? captureStack(Failure) : undefined;
    }
  }

  /**
   * The class of the wrapped value (`value.constructor`; `Number` for 42, `String` for
   * a string), or `null`/`undefined` when the value is itself `null`/`undefined`.
   */
  get type(): unknown {
    const value = this.value;
    if (value === null || value === undefined) return value;
    try {
      const proto = Object.getPrototypeOf(Object(value)) as { constructor?: unknown } | null;
      return proto?.constructor;
    } catch {
      return undefined; // a value that refuses to say (a revoked Proxy)
    }
  }

  /**
   * The first of `errorTypes` that the wrapped value is an instance of (by prototype
   * chain, or by class name for a string), or `undefined` if none matches.
   * Like Twisted, this returns the argument that matched, in argument order.
   */
  check<T extends ErrorType[]>(...errorTypes: T): T[number] | undefined {
    for (const errorType of errorTypes) {
      if (this.#matches(errorType)) return errorType;
    }
    return undefined;
  }

  /**
   * Like `check`, but when nothing matches it re-throws the wrapped value (not the
   * Failure), exactly as Twisted's `trap` re-raises the wrapped exception: inside an
   * errback that makes the next errback see a new Failure around the same value.
   * An errback that is only `f => f.trap(X)` therefore makes the class `X` the result.
   */
  trap<T extends ErrorType[]>(...errorTypes: T): T[number] {
    const match = this.check(...errorTypes);
    if (match === undefined) this.raiseException();
    return match;
  }

  /** Throw the wrapped value. */
  raiseException(): never {
    throw this.value;
  }

  /**
   * Throw the wrapped value into the generator `gen`, at the `yield` where it is paused
   * (Twisted's `throwExceptionIntoGenerator`), and return what it does next: the
   * generator's `{ value, done }` for its next `yield` or its `return`. What the generator
   * throws instead (the same value, if it does not catch it) is thrown from here.
   */
  throwExceptionIntoGenerator<Y, R>(gen: Generator<Y, R, never>): IteratorResult<Y, R> {
    if (typeof (gen as Partial<Generator<Y, R, never>> | null | undefined)?.throw !== 'function') {
      throw new TypeError(`Failure.throwExceptionIntoGenerator: \`gen\` must be a generator object, got ${describeValue(gen)}`);
    }
    return gen.throw(this.value);
  }

  /**
   * The names of the wrapped value's class and of every class it inherits from, innermost
   * first: `['RangeError', 'Error', 'Object']` (Twisted's `parents`, which lists qualified
   * names such as `builtins.ValueError`; JavaScript classes have no module to qualify them
   * with). Empty for `null` and `undefined`. `check` and `trap` with a class name match
   * against these names.
   */
  get parents(): string[] {
    const value = this.value;
    const names: string[] = [];
    if (value === null || value === undefined) return names;
    try {
      for (let proto = Object.getPrototypeOf(Object(value)) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
        const ctor = ownConstructor(proto);
        if (ctor !== undefined && typeof ctor.name === 'string' && ctor.name !== '') names.push(ctor.name);
      }
    } catch {
      // a value whose prototype chain cannot be read (a revoked Proxy) has the parents found so far
    }
    return names;
  }

  /**
   * Make this Failure safe to keep for a long time (Twisted's `cleanFailure`, which drops
   * the traceback object and keeps its frames as text): the traceback is turned into text
   * now, by reading the wrapped error's `stack`, which releases what the engine holds for
   * it (V8 keeps every frame's function and receiver until then), and the frames are kept
   * on the Failure. Tracebacks printed afterwards are unchanged. `pickled` is then true.
   */
  cleanFailure(): void {
    this.#frames = this.#framesOrUndefined();
    this.#cleaned = true;
  }

  /** Whether `cleanFailure()` has been called (Twisted's `pickled`, 0 or 1 there). */
  get pickled(): boolean {
    return this.#cleaned;
  }

  /** The wrapped error's message (`String(value)` for a value that is not an Error). */
  getErrorMessage(): string {
    const value = this.value;
    try {
      if (isFailure(value)) return value.getErrorMessage();
      // Not isErrorLike, which answers false for a throwing `message`: that is reported below.
      if (value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string'
        && typeof (value as { stack?: unknown }).stack === 'string')) {
        return String((value as { message: unknown }).message);
      }
    } catch (error) {
      return `<${safeTypeName(value)} instance with broken message: ${safeString(error)}>`;
    }
    return safeString(value);
  }

  /** The name of the wrapped value's class, as used in tracebacks ("ValueError", "Number"). */
  get typeName(): string {
    return safeTypeName(this.value);
  }

  /** The frames of the wrapped error's stack, innermost first ("at f (file:1:2)"). */
  get frames(): string[] {
    return this.#framesOrUndefined() ?? [];
  }

  #framesOrUndefined(): string[] | undefined {
    if (this.#frames !== undefined) return this.#frames;
    const value = this.value;
    if (!isErrorLike(value)) return undefined;
    let stack: unknown;
    try {
      stack = (value as { stack?: unknown }).stack;
    } catch {
      stack = undefined;
    }
    return typeof stack === 'string' ? stackFrames(stack) : undefined;
  }

  static #kind = /*#__PURE__*/ brandKind(this, FAILURE_KIND);

  // Sets the module-level helpers that need #frames. A static field annotated as pure
  // rather than a static block, so that bundlers can drop the class when nothing uses it.
  static #init = /*#__PURE__*/ (() => {
    isOwnFailure = (value) => #frames in value;
    copyOf = (failure) => {
      if (#frames in failure) return { value: failure.value, frames: failure.#frames };
      // A Failure from another copy of txdefer: only its public face is readable, and a
      // Proxy posing as one may throw on any read (then it is wrapped as a plain value).
      try {
        const foreign = failure as { value: unknown; frames: string[] };
        const value = foreign.value;
        if (isErrorLike(value)) return { value, frames: undefined };
        const frames = foreign.frames;
        return { value, frames: Array.isArray(frames) && frames.length > 0 ? frames.slice() : undefined };
      } catch {
        return undefined;
      }
    };
  })();

  /**
   * The traceback as text: a header, the frames (innermost first, as JavaScript
   * records them) and a last line "TypeName: message". With no frames the last line
   * reads "Failure: TypeName: message", as Twisted prints it.
   */
  getTraceback(): string {
    const frames = this.frames;
    const last = `${this.typeName}: ${this.getErrorMessage()}`;
    if (frames.length === 0) return `Traceback (most recent call first):\nFailure: ${last}\n`;
    return `Traceback (most recent call first):\n${frames.map((frame) => `  ${frame}\n`).join('')}${last}\n`;
  }

  /** A one-line summary plus one line per frame (Twisted's brief traceback). */
  getBriefTraceback(): string {
    const frames = this.frames;
    const head = frames.length === 0 ? 'Traceback (failure with no frames)' : 'Traceback';
    return `${head}: ${this.typeName}: ${this.getErrorMessage()}\n${frames.map((frame) => `${frame}\n`).join('')}`;
  }

  /** Write the traceback with `write` (default: the console's error stream). */
  printTraceback(write: (text: string) => void = consoleError): void {
    requireWriter(write, 'printTraceback');
    write(this.getTraceback());
  }

  /** Write the brief traceback (`getBriefTraceback()`) with `write` (default: the console's error stream). */
  printBriefTraceback(write: (text: string) => void = consoleError): void {
    requireWriter(write, 'printBriefTraceback');
    write(this.getBriefTraceback());
  }

  /** `[Failure instance: <brief traceback>]`, as Twisted's `str(failure)`. */
  toString(): string {
    return `[Failure instance: ${this.getBriefTraceback()}]`;
  }

  /** `<Failure ValueError: message>`, as Twisted's `repr(failure)`: what `console.log` shows. */
  static #inspect = /*#__PURE__*/ defineSymbolMethod(this, INSPECT, function (this: Failure) {
    return `<Failure ${this.typeName}: ${this.getErrorMessage()}>`;
  });

  /**
   * Whether the wrapped value is an instance of `errorType`. Never throws: a value whose
   * prototype chain or constructor cannot be read (a revoked Proxy, a throwing
   * `constructor` getter) matches nothing it cannot be shown to be.
   */
  #matches(errorType: ErrorType): boolean {
    const value = this.value;
    if (value === null || value === undefined) return false;
    // Twisted's `check('twisted.internet.error.ConnectionDone')` compares qualified names;
    // JavaScript classes have none, so a dotted name matches on its last part.
    const byName = typeof errorType === 'string' ? errorType.slice(errorType.lastIndexOf('.') + 1) : undefined;
    const target = typeof errorType === 'function' ? (errorType.prototype as unknown) : undefined;
    const txdeferName = typeof errorType === 'function' && Object.hasOwn(errorType, ERROR_NAME)
      ? (errorType as unknown as Record<typeof ERROR_NAME, string>)[ERROR_NAME]
      : undefined;
    try {
      for (let proto = Object.getPrototypeOf(Object(value)) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
        if (proto === target) return true;
        const ctor = ownConstructor(proto);
        if (ctor === undefined) continue;
        if (byName !== undefined && ctor.name === byName) return true;
        // Another copy of txdefer (ESM beside CJS) has its own CancelledError class: match it by its tag.
        if (txdeferName !== undefined && Object.hasOwn(ctor, ERROR_NAME) && (ctor as unknown as Record<typeof ERROR_NAME, string>)[ERROR_NAME] === txdeferName) return true;
      }
    } catch {
      return false;
    }
    return false;
  }
}

/** Whether `value` is a Failure, from this copy of txdefer or another. Never throws. */
export function isFailure(value: unknown): value is Failure {
  if (typeof value !== 'object' || value === null) return false;
  // An Error is never a Failure (no copy's Failure extends Error): the commonest object
  // here, answered first. `instanceof` may throw for a Proxy (a revoked one): not a Failure.
  try {
    if (value instanceof Error) return false;
  } catch {
    return false;
  }
  // This copy's Failure by its private field; another copy's by its tag (a guarded read).
  return isOwnFailure(value) || kindOf(value) === FAILURE_KIND;
}

/**
 * The class name shown for a value ("ValueError", "Number", "Object" for an object
 * without a prototype); never throws, however broken the value's class is.
 */
function safeTypeName(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  try {
    const proto = Object.getPrototypeOf(Object(value)) as { constructor?: { name?: unknown } } | null;
    const name = proto?.constructor?.name;
    if (typeof name === 'string' && name !== '') return name;
  } catch {
    // fall through to the generic names below
  }
  return typeof value === 'object' ? 'Object' : typeof value;
}

/** The class that owns `proto`, read from its own `constructor` data property (a getter is not called). */
function ownConstructor(proto: object): { name: string } | undefined {
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  return typeof ctor === 'function' ? ctor : undefined;
}

/** Whether `value` is an Error, or looks like one (a string `message` and `stack`). Never throws. */
function isErrorLike(value: unknown): value is { message: string } {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (value instanceof Error) return true;
    return typeof (value as { message?: unknown }).message === 'string' && typeof (value as { stack?: unknown }).stack === 'string';
  } catch {
    return false;
  }
}

function requireWriter(write: unknown, method: string): void {
  if (typeof write !== 'function') {
    throw new TypeError(`Failure.${method}: \`write\` must be a function that takes the text, got ${describeValue(write)}`);
  }
}

declare const console: { error(...args: unknown[]): void };
function consoleError(text: string): void {
  console.error(text.endsWith('\n') ? text.slice(0, -1) : text);
}
