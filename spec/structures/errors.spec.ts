/**
 * The errors of the structures room (src/structures/errors.ts) and NoHistoryError
 * (src/combine/errors.ts): Error classes with Twisted-style names that Failure.check
 * matches, by class and by name.
 */
import { expect } from 'chai';
import { Clock, Failure, JobFailed, JobNotPending, NoHistoryError, QueueStopped, ResizableDispatchQueue } from '../../src/index.js';
import { failureResultOf } from '../support/helpers.js';

describe('structures errors', () => {
  it('each is an Error named after its class, and a Failure matches it by class and by name', () => {
    for (const [error, name] of [
      [new QueueStopped(), 'QueueStopped'],
      [new JobNotPending('x'), 'JobNotPending'],
      [new NoHistoryError('x'), 'NoHistoryError'],
    ] as const) {
      expect(error).to.be.instanceOf(Error);
      expect(error.name).to.equal(name);
      expect(new Failure(error).check(name)).to.equal(name);
    }
    expect(new QueueStopped().message).to.equal('the ResizableDispatchQueue has been stopped');
  });

  it('JobFailed carries the job, and its message says whether it failed or was cancelled', () => {
    const rdq = new ResizableDispatchQueue<string, never>(() => {
      throw new RangeError('no signal');
    }, { width: 1, clock: new Clock() });
    const failed = failureResultOf(rdq.put('a long argument that goes on and on and on, well past sixty characters'), JobFailed).value as JobFailed;
    expect(failed).to.be.instanceOf(Error);
    expect(failed.name).to.equal('JobFailed');
    expect(failed.message).to.equal("job 'a long argument that goes on and on and on, well past si... failed: no signal");
    rdq.width = 0;
    const cancelled = rdq.put('b');
    cancelled.cancel();
    expect((failureResultOf(cancelled, JobFailed).value as JobFailed).message).to.equal("job 'b' was cancelled");
  });

  it('a Job prints its argument, state and priority', () => {
    const rdq = new ResizableDispatchQueue<number, number>((x) => x, { clock: new Clock() });
    rdq.put(7, 2);
    expect(String(rdq.pending()[0])).to.equal('<Job 7 pending, priority 2>');
  });
});
