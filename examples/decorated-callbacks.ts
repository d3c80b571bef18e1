/**
 * "Simpler Twisted deferred code via decorated callbacks" (2012), ported: think of a
 * Deferred as the result itself. With `errcheck` decorated by `errback`, and `cleanup`
 * and `reformat` by `callback`,
 *
 *     reformat(cleanup(errcheck(getPage(url), url), 60), '>>')
 *
 * hooks up the chain the usual style spells out (addErrback, addCallback, addCallback),
 * and gives back a Deferred. getPage is the fake web of the other examples: it serves
 * twistedmatrix.com's front page and answers 404 for anything else.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/decorated-callbacks.ts)
 */
import { type Deferred, type Failure, succeed } from '../src/index.js';
import { callback, errback } from '../src/decorators.js';
import { getPage } from './fake-web.js';

const errcheck = errback((failure: Failure, url: string) => {
  console.log(`errcheck: ${url} failed (${failure.getErrorMessage()}); using a placeholder`);
  return '<html><title>missing page</title></html>';
});

const cleanup = callback((page: string, maxLength: number) => page.replace(/\s+/g, ' ').slice(0, maxLength));

const reformat = callback((page: string, prefix: string) => `${prefix} ${page.toUpperCase()}`);

for (const url of ['http://twistedmatrix.com/', 'http://twistedmatrix.com/does-not-exist']) {
  const d: Deferred<string> = reformat(cleanup(errcheck(getPage(url), url), 60), '>>');
  console.log(await d);
}

// The post's second example: several Deferred arguments are waited for together, with no
// DeferredList in sight; errcheck is not called at all unless something fails.
const func1 = callback((a: number, b: string) => `func1(${a}, ${b})`);
const func2 = callback((a: number, b: number) => `func2(${a}, ${b})`);
const getDeferred = (n: number): Deferred<number> => succeed(n);
console.log(await func1(getDeferred(1), errcheck(func2(getDeferred(2), getDeferred(3)), 'func2')));
