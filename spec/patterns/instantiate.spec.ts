/**
 * instantiate, the async-factory form of the post's metaclass letting `__init__` return
 * a Deferred. Each `it` under "the post's behaviour" is backed by the line with the same
 * label in spec/oracle/patterns_deferred_init.out (the post's metaclass on Twisted 22.4).
 */
import { expect } from 'chai';
import { CancelledError, Clock, Deferred, deferLater, instantiate } from '../../src/index.js';
import { assertNoResult, failureResultOf, successResultOf, unhandledAfter } from '../support/helpers.js';

class MyClass {
  static created: string[] = [];
  constructor(
    readonly clock: Clock,
    readonly name: string,
  ) {
    MyClass.created.push(name);
  }

  init(): Deferred<string> {
    return deferLater(this.clock, 2, () => `table ${this.name} created`);
  }
}

describe('instantiate', () => {
  describe("the post's behaviour", () => {
    it("instantiate fires with the instance and init's result once init's Deferred has fired", () => {
      const clock = new Clock();
      const d = instantiate(MyClass, clock, 'users');
      assertNoResult(d);
      clock.advance(2);
      const [instance, result] = successResultOf(d);
      expect(instance).to.be.instanceOf(MyClass);
      expect(instance.name).to.equal('users');
      expect(result).to.equal('table users created');
    });

    it('an init returning a plain value gives it at once', () => {
      class Plain {
        init(): number {
          return 42;
        }
      }
      expect(successResultOf(instantiate(Plain))[1]).to.equal(42);
    });

    it('an init that throws fails the Deferred', () => {
      class Broken {
        init(): never {
          throw new RangeError('no database');
        }
      }
      failureResultOf(instantiate(Broken), RangeError);
    });
  });

  describe('txdefer only', () => {
    it('the constructor runs at once, with the arguments', () => {
      MyClass.created = [];
      instantiate(MyClass, new Clock(), 'orders');
      expect(MyClass.created).to.deep.equal(['orders']);
    });

    it('a constructor that throws fails the Deferred', () => {
      class Refused {
        constructor() {
          throw new TypeError('bad arguments');
        }
        init(): void {}
      }
      failureResultOf(instantiate(Refused), TypeError);
    });

    it('an init returning a Promise is followed', async () => {
      class Later {
        async init(): Promise<string> {
          return 'ready';
        }
      }
      const [instance, result] = await instantiate(Later);
      expect(instance).to.be.instanceOf(Later);
      expect(result).to.equal('ready');
    });

    it("cancelling it while init's Deferred is pending cancels that one; nothing is left on the clock", () => {
      const clock = new Clock();
      const d = instantiate(MyClass, clock, 'users');
      d.cancel();
      failureResultOf(d, CancelledError);
      expect(clock.getDelayedCalls()).to.deep.equal([]);
    });

    it('an init method defined as an instance property will do', () => {
      class Arrow {
        init = (): string => 'arrow';
      }
      expect(successResultOf(instantiate(Arrow))[1]).to.equal('arrow');
    });

    it('a failure of init that nobody handles is reported once', async () => {
      class Lost extends Error {}
      const reports = await unhandledAfter(() => {
        const init = new Deferred<string>();
        class Waits {
          init(): Deferred<string> {
            return init;
          }
        }
        instantiate(Waits);
        init.errback(new Lost('once'));
      }, Lost);
      expect(reports).to.have.length(1);
    });

    it('refuses a class without an init method, with a TypeError naming the class', () => {
      // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a class with no init() is the point
      class NoInit {}
      expect(() => instantiate(NoInit as never)).to.throw(TypeError, 'instances of NoInit need an init() method');
    });

    it('refuses a cls that is not a class, with a TypeError naming it and the value', () => {
      expect(() => instantiate('Table' as never)).to.throw(TypeError, "instantiate: `cls` must be a class, got string 'Table'");
    });
  });
});
