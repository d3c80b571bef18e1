/**
 * ResizableDispatchQueue and Job (txrdq, post "A resizable dispatch queue for
 * Twisted"): txrdq's test_rdq.py and test_job.py where they apply, driven by a Clock
 * (txrdq's timing tests ran 0.2 s jobs on the real reactor), plus its defects. Facts
 * marked "(txrdq)" come from txrdq's tests and changelog; those about a job's life are
 * also backed by spec/oracle/txrdq_job.out (the life cycle the post describes, written
 * as a small Twisted program and run under Twisted 22.4).
 */
import { expect } from 'chai';
import {
  Clock,
  deferLater,
  Deferred,
  fail,
  type Job,
  JobFailed,
  JobNotPending,
  QueueOverflow,
  QueueStopped,
  ResizableDispatchQueue,
} from '../../src/index.js';
import { Job as JobClass } from '../../src/structures/job.js';
import { assertNoResult, captureAfterCollecting, collectGarbage, failureResultOf, reportsMentioning, successResultOf } from '../support/helpers.js';
import { CANCEL_EVERY, FLAT_HEAP_BYTES, heapGrowth, SOAK_OPERATIONS } from '../support/soak.js';

/** A queue whose job `seconds` takes that many seconds of `clock` and gives `done <seconds>`. */
function timedQueue(width = 0, clock = new Clock()): { clock: Clock; rdq: ResizableDispatchQueue<number, string>; started: number[] } {
  const started: number[] = [];
  const rdq = new ResizableDispatchQueue<number, string>(
    (seconds) => {
      started.push(seconds);
      return deferLater(clock, seconds, () => `done ${seconds}`);
    },
    { width, clock },
  );
  return { clock, rdq, started };
}

function args<A>(jobs: ReadonlyArray<Job<A, unknown>>): A[] {
  return jobs.map((job) => job.arg);
}

describe('ResizableDispatchQueue', () => {
  describe('put and the Job it fires with', () => {
    it('put gives a Deferred that fires with the finished Job, whose result is the function\'s (txrdq)', () => {
      const { clock, rdq } = timedQueue(1);
      const d = rdq.put(2);
      assertNoResult(d);
      clock.advance(2);
      const job = successResultOf(d);
      expect([job.arg, job.state, job.result, job.priority]).to.deep.equal([2, 'finished', 'done 2', 0]);
    });

    it('the Job\'s times come from the clock: queued, started, stopped', () => {
      const { clock, rdq } = timedQueue(1);
      clock.advance(10);
      const first = rdq.put(3);
      const second = rdq.put(1);
      clock.advance(3);
      clock.advance(1);
      const a = successResultOf(first);
      const b = successResultOf(second);
      expect([a.queuedAt, a.startedAt, a.stoppedAt]).to.deep.equal([10, 10, 13]);
      expect([b.queuedAt, b.startedAt, b.stoppedAt]).to.deep.equal([10, 13, 14]);
    });

    it('a job whose function returns a plain value or throws ends inside put', () => {
      const rdq = new ResizableDispatchQueue<number, number>((x) => {
        if (x < 0) throw new RangeError('negative');
        return x + 1;
      }, { width: 1, clock: new Clock() });
      expect(successResultOf(rdq.put(1)).result).to.equal(2);
      const failed = failureResultOf(rdq.put(-1), JobFailed).value as JobFailed;
      expect(failed.job.state).to.equal('failed');
      expect(failed.job.failure?.getErrorMessage()).to.equal('negative');
    });

    it('a failed job fails put\'s Deferred with JobFailed carrying the Job and its argument (txrdq)', () => {
      const clock = new Clock();
      const rdq = new ResizableDispatchQueue<string, never>(() => deferLater(clock, 1, () => {
        throw new RangeError('sms service down');
      }), { width: 1, clock });
      const d = rdq.put('+1 212 555');
      clock.advance(1);
      const error = failureResultOf(d, JobFailed).value as JobFailed;
      expect(error.job.arg).to.equal('+1 212 555');
      expect(error.job.failure?.check(RangeError)).to.equal(RangeError);
      expect([error.job.state, error.job.stoppedAt]).to.deep.equal(['failed', 1]);
      expect(error.message).to.equal("job '+1 212 555' failed: sms service down");
    });

    it('a failed job whose put Deferred is handled leaves nothing reported (txrdq issue #3)', async () => {
      const log = await captureAfterCollecting();
      try {
        (() => {
          const rdq = new ResizableDispatchQueue<number, never>(() => fail(new RangeError('[rdq-failed]')), { width: 1, clock: new Clock() });
          rdq.put(1).addErrback(() => undefined);
          rdq.put(2).addErrback(() => undefined);
        })();
        await collectGarbage();
        expect(reportsMentioning(log, '[rdq-failed]')).to.deep.equal([]);
      } finally {
        log.stop();
      }
    });

    it('Jobs are made by put only', () => {
      const make = JobClass as unknown as new (...a: unknown[]) => unknown;
      expect(() => new make('x', 1)).to.throw(TypeError, 'jobs are made by ResizableDispatchQueue.put');
    });
  });

  describe('width', () => {
    it('the default width is 0: jobs wait, and size() counts them as pending (txrdq)', () => {
      const { rdq, started } = timedQueue();
      rdq.put(1);
      rdq.put(1);
      rdq.put(1);
      expect([rdq.width, rdq.size(), started]).to.deep.equal([0, [0, 3], []]);
    });

    it('putting more jobs than the width runs only the width (txrdq testPuttingMoreThanWidthOnlyDispatchesWidth)', () => {
      const { rdq } = timedQueue(3);
      for (let i = 0; i < 5; i += 1) rdq.put(1);
      expect(rdq.size()).to.deep.equal([3, 2]);
    });

    it('widening starts pending jobs at once', () => {
      const { rdq, started } = timedQueue(1);
      for (const s of [5, 6, 7]) rdq.put(s);
      rdq.width = 3;
      expect([started, rdq.size()]).to.deep.equal([[5, 6, 7], [3, 0]]);
    });

    it('narrowing never interrupts running jobs; new ones start only when fewer than the width run', () => {
      const { clock, rdq, started } = timedQueue(3);
      for (const s of [1, 2, 3, 1, 1]) rdq.put(s);
      rdq.width = 1;
      expect(rdq.underway().map((j) => j.state)).to.deep.equal(['underway', 'underway', 'underway']);
      clock.advance(1); // the first ends: 2 still run, above the width of 1
      expect(rdq.size()).to.deep.equal([2, 2]);
      clock.advance(1); // the second ends: 1 runs
      expect(rdq.size()).to.deep.equal([1, 2]);
      clock.advance(1); // the third ends: the next starts
      expect([rdq.size(), started]).to.deep.equal([[1, 1], [1, 2, 3, 1]]);
    });

    it('width set to 0 after a non-zero start stops the next put from starting (txrdq 0.2.10)', () => {
      const { rdq, started } = timedQueue(2);
      rdq.width = 0;
      rdq.put(1);
      expect([started, rdq.size()]).to.deep.equal([[], [0, 1]]);
    });

    it('bad widths are a TypeError or RangeError naming the value, in the constructor, the setter and resume (txrdq)', () => {
      const fn = (): number => 1;
      expect(() => new ResizableDispatchQueue(fn, { width: -1 })).to.throw(RangeError, 'new ResizableDispatchQueue: `width` must be an integer >= 0, got -1');
      expect(() => new ResizableDispatchQueue(fn, { width: 1.5 })).to.throw(RangeError, 'got 1.5');
      expect(() => new ResizableDispatchQueue(fn, { width: '3' as unknown as number })).to.throw(TypeError, "got string '3'");
      const rdq = new ResizableDispatchQueue(fn);
      expect(() => {
        rdq.width = -2;
      }).to.throw(RangeError, 'ResizableDispatchQueue.width: `width` must be an integer >= 0, got -2');
      expect(() => rdq.resume(Number.NaN)).to.throw(RangeError, 'ResizableDispatchQueue.resume: `width` must be an integer >= 0, got NaN');
      expect(() => rdq.resume('x' as unknown as number)).to.throw(TypeError, "got string 'x'");
      expect(rdq.width).to.equal(0);
    });
  });

  describe('priorities', () => {
    it('a lower priority number runs first, equal priorities in the order put', () => {
      const { rdq, started } = timedQueue();
      rdq.put(10, 5);
      rdq.put(20, 1);
      rdq.put(30, 5);
      rdq.put(40, 1);
      expect(args(rdq.pending())).to.deep.equal([20, 40, 10, 30]);
      rdq.width = 1;
      expect(started).to.deep.equal([20]);
    });

    it('reprioritize moves a pending job and changes its priority (txrdq 0.2.6)', () => {
      const { rdq } = timedQueue();
      rdq.put(1);
      rdq.put(2);
      const last = rdq.pending()[1] as Job<number, string>;
      rdq.reprioritize(last, -1);
      expect(last.priority).to.equal(-1);
      expect(args(rdq.pending())).to.deep.equal([2, 1]);
    });

    it('reprioritize of a job that is not pending in this queue throws JobNotPending (txrdq)', () => {
      const { rdq } = timedQueue(1);
      rdq.put(5);
      const running = rdq.underway()[0] as Job<number, string>;
      expect(() => rdq.reprioritize(running, 1)).to.throw(JobNotPending, /is underway; only a pending job can be reprioritized/);
      const other = timedQueue();
      other.rdq.put(1);
      expect(() => rdq.reprioritize(other.rdq.pending()[0] as Job<number, string>, 1)).to.throw(JobNotPending, /is not in this queue/);
      expect(() => rdq.reprioritize({} as unknown as Job<number, string>, 1)).to.throw(TypeError, '`job` must be a Job');
      expect(() => other.rdq.reprioritize(other.rdq.pending()[0] as Job<number, string>, Number.NaN)).to.throw(RangeError);
    });
  });

  describe('cancelling', () => {
    it('cancelling put\'s Deferred of a pending job takes it out; it fails with JobFailed, state cancelled (txrdq)', () => {
      const { clock, rdq } = timedQueue();
      clock.advance(4);
      const d = rdq.put(1);
      rdq.put(2);
      d.cancel();
      const job = (failureResultOf(d, JobFailed).value as JobFailed).job;
      expect([job.state, job.startedAt, job.stoppedAt]).to.deep.equal(['cancelled', undefined, 4]);
      expect(args(rdq.pending())).to.deep.equal([2]);
    });

    it('job.cancel() from the pending list does the same', () => {
      const { rdq } = timedQueue();
      const d = rdq.put(1);
      rdq.pending()[0]?.cancel();
      expect((failureResultOf(d, JobFailed).value as JobFailed).message).to.equal('job 1 was cancelled');
      expect(rdq.size()).to.deep.equal([0, 0]);
    });

    it('cancelling a running job cancels its function\'s Deferred and frees its place at once', () => {
      const { clock, rdq, started } = timedQueue(1);
      const running = rdq.put(10);
      rdq.put(20);
      running.cancel();
      expect((failureResultOf(running, JobFailed).value as JobFailed).job.state).to.equal('cancelled');
      expect([started, rdq.size(), clock.getDelayedCalls().length]).to.deep.equal([[10, 20], [1, 0], 1]);
    });

    it('cancelling a job that has ended changes nothing', () => {
      const { clock, rdq } = timedQueue(1);
      const d = rdq.put(1);
      clock.advance(1);
      d.cancel();
      const job = successResultOf(d);
      job.cancel();
      expect(job.state).to.equal('finished');
    });

    it('clearQueue cancels every pending job and leaves running ones', () => {
      const { rdq } = timedQueue(1);
      rdq.put(1);
      const pending = [rdq.put(2), rdq.put(3)];
      expect(args(rdq.clearQueue())).to.deep.equal([2, 3]);
      for (const d of pending) failureResultOf(d, JobFailed);
      expect(rdq.size()).to.deep.equal([1, 0]);
    });
  });

  describe('pause, resume and stop', () => {
    it('pause starts no more jobs and fires once the running ones are done; width reports the paused width (txrdq)', () => {
      const { clock, rdq, started } = timedQueue(2);
      for (const s of [1, 2, 1]) rdq.put(s);
      const paused = rdq.pause();
      expect([rdq.paused, rdq.width]).to.deep.equal([true, 2]);
      clock.advance(1);
      assertNoResult(paused);
      clock.advance(1);
      expect(successResultOf(paused)).to.equal(undefined);
      expect([started, rdq.size()]).to.deep.equal([[1, 2], [0, 1]]);
    });

    it('pause with nothing running fires at once', () => {
      const { rdq } = timedQueue(2);
      expect(successResultOf(rdq.pause())).to.equal(undefined);
    });

    it('resume goes on with the paused width; setting the width while paused changes that (txrdq)', () => {
      const { rdq, started } = timedQueue(1);
      rdq.pause();
      for (const s of [1, 2, 3]) rdq.put(s);
      rdq.width = 2;
      expect([started, rdq.width]).to.deep.equal([[], 2]);
      rdq.resume();
      expect([started, rdq.paused]).to.deep.equal([[1, 2], false]);
    });

    it('resume(width) goes on with a new width (txrdq)', () => {
      const { rdq, started } = timedQueue(1);
      rdq.pause();
      for (const s of [1, 2, 3]) rdq.put(s);
      rdq.resume(3);
      expect([started, rdq.width]).to.deep.equal([[1, 2, 3], 3]);
    });

    it('stop waits for running jobs and fires with the jobs that never ran, which leave the queue (txrdq)', () => {
      const { clock, rdq } = timedQueue(1);
      const running = rdq.put(2);
      const neverRan = [rdq.put(5, 1), rdq.put(6, 0)];
      const stopped = rdq.stop();
      assertNoResult(stopped);
      clock.advance(2);
      expect(successResultOf(running).state).to.equal('finished');
      const jobs = successResultOf(stopped);
      expect(args(jobs)).to.deep.equal([6, 5]);
      expect(jobs.map((j) => j.state)).to.deep.equal(['pending', 'pending']);
      expect([rdq.size(), rdq.stopped, rdq.width]).to.deep.equal([[0, 0], true, 0]);
      for (const d of neverRan) assertNoResult(d);
    });

    it('stop with nothing put fires with [] (txrdq)', () => {
      expect(successResultOf(timedQueue(3).rdq.stop())).to.deep.equal([]);
    });

    it('put, resume and setting the width after stop throw QueueStopped (txrdq)', () => {
      const { rdq } = timedQueue(1);
      rdq.stop();
      expect(() => rdq.put(1)).to.throw(QueueStopped, 'ResizableDispatchQueue.put: the queue has been stopped');
      expect(() => rdq.resume()).to.throw(QueueStopped, 'ResizableDispatchQueue.resume: the queue has been stopped');
      expect(() => {
        rdq.width = 3;
      }).to.throw(QueueStopped);
    });
  });

  describe('limits', () => {
    it('size bounds the pending jobs: put beyond it throws QueueOverflow', () => {
      const rdq = new ResizableDispatchQueue<number, number>((x) => x, { size: 2, clock: new Clock() });
      rdq.put(1);
      rdq.put(2);
      expect(() => rdq.put(3)).to.throw(QueueOverflow, 'ResizableDispatchQueue.put: the queue is full (size 2, 2 pending)');
    });

    it('a job that starts at once does not count against size', () => {
      const rdq = new ResizableDispatchQueue<number, number>(() => new Deferred<number>(), { size: 0, width: 1, clock: new Clock() });
      rdq.put(1);
      expect(() => rdq.put(2)).to.throw(QueueOverflow);
      expect(rdq.size()).to.deep.equal([1, 0]);
    });

    it('backlog bounds the width (the idle workers)', () => {
      const fn = (x: number): number => x;
      expect(() => new ResizableDispatchQueue(fn, { width: 3, backlog: 2 })).to.throw(RangeError, '`width` 3 is more than the backlog (2) of idle workers allowed');
      const rdq = new ResizableDispatchQueue(fn, { width: 2, backlog: 2 });
      expect(() => {
        rdq.width = 5;
      }).to.throw(RangeError);
    });

    it('bad fn, options and clock are TypeErrors naming them', () => {
      expect(() => new ResizableDispatchQueue(7 as unknown as () => void)).to.throw(TypeError, '`fn` must be a function, got number 7');
      expect(() => new ResizableDispatchQueue(() => 1, 'wide' as unknown as object)).to.throw(TypeError, "`options` must be an object such as { width, size, backlog, clock }, got string 'wide'");
      expect(() => new ResizableDispatchQueue(() => 1, { clock: {} as unknown as Clock })).to.throw(TypeError, '`clock` must be a Scheduler');
      expect(() => new ResizableDispatchQueue(() => 1).put(1, '2' as unknown as number)).to.throw(TypeError, '`priority` must be a number');
    });
  });

  it('100,000 jobs that end inside put run in a loop, not by recursion', () => {
    const rdq = new ResizableDispatchQueue<number, number>((x) => x, { clock: new Clock() });
    let finished = 0;
    for (let i = 0; i < 100_000; i += 1) rdq.put(i).addCallback(() => (finished += 1));
    rdq.width = 10;
    expect([finished, rdq.size()]).to.deep.equal([100_000, [0, 0]]);
  });

  it(`${SOAK_OPERATIONS.toLocaleString('en')} jobs, some cancelled, keep the heap flat (soak)`, async function () {
    this.timeout(120_000);
    const clock = new Clock();
    const waiting: Array<Deferred<number>> = [];
    const rdq = new ResizableDispatchQueue<number, number>((x) => {
      if (x % 2 === 0) return x;
      const d = new Deferred<number>();
      waiting.push(d);
      return d;
    }, { width: 4, clock });
    let finished = 0;
    const growth = await heapGrowth(SOAK_OPERATIONS, (i) => {
      const d = rdq.put(i, i % 3);
      if (i % CANCEL_EVERY === 1) {
        d.addErrback(() => undefined);
        d.cancel();
      } else {
        d.addCallback(() => {
          finished += 1;
        });
      }
      while (waiting.length > 2) waiting.shift()?.callback(i);
    });
    for (const d of waiting.splice(0)) d.callback(0);
    expect(rdq.size()).to.deep.equal([0, 0]);
    expect(finished).to.be.above(SOAK_OPERATIONS * 0.9);
    expect(growth).to.be.below(FLAT_HEAP_BYTES);
  });
});
