/**
 * ResizableDispatchQueue, from "A resizable dispatch queue for Twisted": sending SMS
 * messages through a slow service, at a rate you can change, with a clean shutdown that
 * hands back the jobs that never ran. A Clock stands in for real time.
 */
import { Clock, deferLater, type Deferred, type Failure, type Job, JobFailed, ResizableDispatchQueue } from '../../src/index.js';

const clock = new Clock();
type Sms = [number: string, message: string];

/** Sending one SMS takes 2 seconds. */
function sendSMS([number, message]: Sms): Deferred<string> {
  return deferLater(clock, 2, () => `sent '${message}' to ${number}`);
}

const show = (job: Job<Sms, string>): void => {
  console.log(`t=${clock.seconds()}: ${job.result} (queued ${job.queuedAt}, started ${job.startedAt})`);
};
const failed = (failure: Failure): void => {
  const job = (failure.value as JobFailed).job as Job<Sms, string>;
  console.log(`t=${clock.seconds()}: ${job.arg[1]} ${job.state}`);
};

// A queue that allows 2 simultaneous underway jobs.
const rdq = new ResizableDispatchQueue<Sms, string>(sendSMS, { width: 2, clock });

// Send off some SMS messages.
rdq.put(['2127399921', 'Hello...'], 5).addCallbacks(show, failed);
const d2 = rdq.put(['5052929919', 'Test...'], 5);
d2.addCallbacks(show, failed);
for (let i = 1; i <= 12; i += 1) rdq.put([`555000${i}`, `note ${i}`], 5).addCallbacks(show, failed);
console.log(`t=0: size ${JSON.stringify(rdq.size())} (underway, pending)`);

// Cancel the second job (it is underway: its place is freed at once).
d2.cancel();

// Widen the pipeline to 4 simultaneous jobs, then narrow it to 3: running jobs finish.
rdq.width = 4;
rdq.width = 3;
console.log(`t=0: underway ${rdq.underway().map((job) => job.arg[1]).join(', ')}`);

// Cancel one of the pending jobs from the list, and reprioritize another.
const jobs = rdq.pending();
jobs[0]?.cancel();
const last = jobs[jobs.length - 1] as Job<Sms, string>;
rdq.reprioritize(last, -1);
console.log(`t=0: pending ${rdq.pending().map((job) => `${job.arg[1]} (${job.priority})`).join(', ')}`);

// Arrange to widen the queue in 3 seconds.
clock.callLater(3, () => {
  rdq.width = 4;
});
clock.advance(2);

// Pause: no new jobs start; the Deferred fires when the running ones are done.
rdq.pause().addCallback(() => console.log(`t=${clock.seconds()}: paused, nothing running; width is ${rdq.width}`));
clock.advance(2);

// Resume with a new width of 1.
rdq.resume(1);
clock.advance(2);

// Shut down: wait for the underway job, and save the jobs not yet processed.
rdq.stop().addCallback((unsent) => {
  console.log(`t=${clock.seconds()}: stopped; to save: ${unsent.map((job) => job.arg[1]).join(', ')}`);
});
clock.advance(2);
