/**
 * react (twisted.internet.task.react): run a program's `main` until the Deferred (or the
 * coroutine) it returns has finished, then end the process with an exit code.
 *
 * As in Twisted:
 *   - `main(clock, ...argv)` is called at once; what it returns goes through
 *     `ensureDeferred` (a Deferred, a generator, a Promise), so anything else throws
 *     `NotACoroutineError`, and what `main` throws is thrown from `react`;
 *   - success exits with code 0;
 *   - a failure whose value is a `SystemExit` exits with its `code`;
 *   - any other failure is reported as "main function encountered error" (through the
 *     unhandled-error handler, as `logFailure` reports) and exits with code 1.
 * Where Twisted runs the reactor, Node's event loop is already running: `react` returns
 * at once, and the process exits, through `process.exit(code)`, when the Deferred fires;
 * like Twisted's `sys.exit`, that ends whatever is still scheduled.
 */
import { describeValue } from '../core/repr.js';
import { brandError } from '../core/errors.js';
import { type Deferred, type Drivable, ensureDeferred, isFailure, logFailure, realTimeScheduler, type Scheduler } from '../index.js';

declare const process: { exit(code?: number): never };

/**
 * Ends a program run by `react` with an exit code (Python's `SystemExit`): `main`'s
 * Deferred failing with `new SystemExit(3)` makes the process exit with code 3.
 */
export class SystemExit extends Error {
  static #branded = /*#__PURE__*/ brandError(this, 'SystemExit');
  /** The exit code. */
  readonly code: number;

  /** An exit with `code` (default 0), an integer from 0 to 255. */
  constructor(code = 0) {
    if (typeof code !== 'number') {
      throw new TypeError(`new SystemExit(code): \`code\` must be a number, got ${describeValue(code)}`);
    }
    if (!Number.isInteger(code) || code < 0 || code > 255) {
      throw new RangeError(`new SystemExit(code): \`code\` must be an integer from 0 to 255, got ${describeValue(code)}`);
    }
    super(`exit with code ${code}`);
    this.code = code;
  }
}

/** What `main` may return: anything `ensureDeferred` takes. */
export type ReactResult = Deferred<unknown> | Drivable<unknown> | PromiseLike<unknown>;

/** For tests of programs that use `react`, what Twisted's private `_reactor` argument is for. */
export interface ReactOptions {
  /** What `main` gets as its first argument. Default: the real-time scheduler. */
  clock?: Scheduler | undefined;
  /** Called with the exit code instead of `process.exit`. */
  exit?: ((code: number) => void) | undefined;
}

/**
 * Call `main(clock, ...argv)` and exit the process when the Deferred (or coroutine) it
 * returns has finished: code 0 on success, the code of a `SystemExit` failure, or 1 after
 * reporting any other failure ("main function encountered error").
 *
 * @example
 * ```ts
 * import { deferLater } from 'txdefer';
 * import { react } from 'txdefer/node';
 *
 * react((clock, name: string) => deferLater(clock, 0.1, () => console.log(`hello, ${name}`)), ['world']);
 * ```
 */
export function react<A extends unknown[]>(main: (clock: Scheduler, ...argv: A) => ReactResult, argv?: A, options?: ReactOptions): void {
  if (typeof main !== 'function') {
    throw new TypeError(`react: \`main\` must be a function, got ${describeValue(main)}`);
  }
  let args: unknown[] = [];
  if (argv !== undefined) {
    if (typeof (argv as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== 'function' || typeof argv === 'string') {
      throw new TypeError(`react: \`argv\` must be an array of arguments for main, got ${describeValue(argv)}`);
    }
    args = [...argv];
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`react: \`options\` must be an object, got ${describeValue(options)}`);
  }
  const clock = options?.clock ?? realTimeScheduler;
  const exit = options?.exit ?? ((code: number) => process.exit(code));
  if (typeof exit !== 'function') throw new TypeError(`react: \`options.exit\` must be a function, got ${describeValue(exit)}`);
  const finished = ensureDeferred(main(clock, ...(args as A)));
  finished.addBoth((result: unknown) => {
    exit(exitCode(result));
    return undefined;
  });
}

function exitCode(result: unknown): number {
  if (!isFailure(result)) return 0;
  if (result.check(SystemExit) !== undefined) return (result.value as SystemExit).code;
  logFailure(result, 'main function encountered error');
  return 1;
}
