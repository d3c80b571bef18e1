/**
 * Firing a Deferred twice throws AlreadyCalledError; in debug mode its message says
 * where the Deferred was created and where it was first fired. Ports Twisted's
 * AlreadyCalledTests (reference G.1, B.13). Twisted's output: spec/oracle/already_called.py.
 *
 * JavaScript stack lines read "at name (file:line:col)": they contain the function's
 * name rather than ending with it, so the checks below use `includes`.
 */
import { expect } from 'chai';
import { AlreadyCalledError, Deferred, Failure, setDebugging } from '../../src/index.js';

const PLAIN_MESSAGE = 'this Deferred has already been fired (callback() or errback() was called before)';

// The creator and the two firing steps are named functions, so their names appear in stack lines.
function createDeferred(): Deferred<string> {
  return new Deferred<string>();
}
function firstCallback(d: Deferred<string>): void {
  d.callback('hello');
}
function firstErrback(d: Deferred<string>): void {
  d.errback(new Failure(new RangeError('first')));
}
function secondCallback(d: Deferred<string>): void {
  d.callback('twice');
}
function secondErrback(d: Deferred<string>): void {
  d.errback(new Failure(new RangeError('second')));
}

type Step = (d: Deferred<string>) => void;
const ORDERS: Array<[string, Step, Step]> = [
  ['callback then callback (CC)', firstCallback, secondCallback],
  ['callback then errback (CE)', firstCallback, secondErrback],
  ['errback then errback (EE)', firstErrback, secondErrback],
  ['errback then callback (EC)', firstErrback, secondCallback],
];

/** Creates a Deferred, fires it with `first`, and returns what `second` throws. */
function secondFiringError(first: Step, second: Step): unknown {
  const d = createDeferred();
  d.addErrback(() => undefined);
  first(d);
  try {
    second(d);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The message lines starting with `prefix` (" C:" or " I:") that contain `name`. */
function linesNaming(message: string, prefix: string, name: string): string[] {
  return message.split('\n').filter((line) => line.startsWith(prefix) && line.includes(name));
}

function debugLines(message: string): string[] {
  return message.split('\n').filter((line) => line.startsWith(' C:') || line.startsWith(' I:'));
}

describe('AlreadyCalledTests', () => {
  beforeEach(() => {
    setDebugging(true);
  });
  afterEach(() => {
    setDebugging(false);
  });

  for (const [order, first, second] of ORDERS) {
    it(`throws AlreadyCalledError on the second firing: ${order}`, () => {
      expect(secondFiringError(first, second)).to.be.instanceOf(AlreadyCalledError);
    });
  }

  for (const [order, first, second] of ORDERS) {
    it(`in debug mode names the creator in one " C:" line and the first firer in one " I:" line, not the second caller: ${order}`, () => {
      const error = secondFiringError(first, second);
      expect(error).to.be.instanceOf(AlreadyCalledError);
      const message = (error as AlreadyCalledError).message;
      const lines = message.split('\n');

      expect(lines).to.include(' C: Deferred was created:');
      expect(lines).to.include(' I: First Invoker was:');
      expect(linesNaming(message, ' C:', 'createDeferred')).to.have.length(1);
      for (const step of [firstCallback, firstErrback, secondCallback, secondErrback]) {
        expect(linesNaming(message, ' C:', step.name), `C: lines naming ${step.name}`).to.have.length(0);
      }
      expect(linesNaming(message, ' I:', first.name)).to.have.length(1);
      expect(linesNaming(message, ' I:', second.name)).to.have.length(0);
      expect(message).not.to.include(second.name);
    });
  }

  it('records where a Deferred was created when a helper function created it: the helper and its caller', () => {
    function deferredFactoryHelper(): Deferred<number> {
      return new Deferred<number>();
    }
    function codeUsingTheHelper(): Deferred<number> {
      return deferredFactoryHelper();
    }
    const d = codeUsingTheHelper();
    d.callback(1);

    let message = '';
    try {
      d.callback(2);
    } catch (error) {
      expect(error).to.be.instanceOf(AlreadyCalledError);
      message = (error as AlreadyCalledError).message;
    }

    expect(linesNaming(message, ' C:', 'deferredFactoryHelper')).to.have.length(1);
    expect(linesNaming(message, ' C:', 'codeUsingTheHelper')).to.have.length(1);
  });

  it('records the creator of a Deferred subclass at the code that constructed it', () => {
    class NamedDeferred extends Deferred<number> {}
    function makeNamedDeferred(): NamedDeferred {
      return new NamedDeferred();
    }
    const d = makeNamedDeferred();
    d.callback(1);

    let message = '';
    try {
      d.callback(2);
    } catch (error) {
      message = (error as AlreadyCalledError).message;
    }

    expect(linesNaming(message, ' C:', 'makeNamedDeferred')).to.have.length(1);
  });

  it('survives debugging being switched on between creation and firing (testSwitchDebugging)', () => {
    setDebugging(false);
    const d = new Deferred<null>();
    const seen: unknown[] = [];
    d.addBoth((result) => {
      seen.push(result);
      return undefined;
    });
    setDebugging(true);

    d.callback(null);

    expect(seen).to.deep.equal([null]);
    // Only the firing was recorded: an " I:" part and no " C:" part.
    let message = '';
    try {
      d.callback(null);
    } catch (error) {
      expect(error).to.be.instanceOf(AlreadyCalledError);
      message = (error as AlreadyCalledError).message;
    }
    expect(message.split('\n').filter((line) => line.startsWith(' C:'))).to.have.length(0);
    expect(message.split('\n').filter((line) => line.startsWith(' I:')).length).to.be.greaterThan(0);
  });

  it('survives debugging being switched on between firing and adding callbacks (testSwitchDebugging)', () => {
    setDebugging(false);
    const d = new Deferred<null>();
    d.callback(null);
    setDebugging(true);
    const seen: unknown[] = [];

    d.addBoth((result) => {
      seen.push(result);
      return undefined;
    });

    expect(seen).to.deep.equal([null]);
    let error: unknown;
    try {
      d.callback(null);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).to.be.instanceOf(AlreadyCalledError);
    expect(debugLines((error as AlreadyCalledError).message)).to.have.length(0);
  });

  describe('with debugging off', () => {
    beforeEach(() => {
      setDebugging(false);
    });

    for (const [order, first, second] of ORDERS) {
      it(`throws AlreadyCalledError with the plain message and no " C:"/" I:" lines: ${order}`, () => {
        const error = secondFiringError(first, second);
        expect(error).to.be.instanceOf(AlreadyCalledError);
        expect((error as AlreadyCalledError).message).to.equal(PLAIN_MESSAGE);
        expect(debugLines((error as AlreadyCalledError).message)).to.have.length(0);
      });
    }
  });
});
