import { captureUnhandledErrors, Deferred } from '../../src/index.js';

class QuotaExceeded extends Error {
  constructor() {
    super('quota exceeded');
    this.name = 'QuotaExceeded';
  }
}

// In a test: collect the reports instead of printing them (trial's flushLoggedErrors).
const log = captureUnhandledErrors();
try {
  (() => {
    const d = new Deferred<void>();
    d.errback(new QuotaExceeded());
  })();

  if (typeof gc === 'undefined') throw new Error('run this example with node --expose-gc');
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }

  const flushed = log.flush(QuotaExceeded);
  console.log('flushed:', flushed.map((failure) => failure.getErrorMessage()));
  console.log('left over:', log.reports.length);
} finally {
  log.stop(); // puts the previous handler back
}
