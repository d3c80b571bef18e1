import { captureUnhandledErrors, Deferred, Failure, logError, logFailure, type UnhandledErrorReport } from '../../src/index.js';

const log = captureUnhandledErrors();
try {
  // logError as an errback: the failure is reported, and the chain stays failed.
  const d = new Deferred<number>();
  d.addErrback(logError);
  d.errback(new RangeError('disk full'));
  d.addErrback((failure) => {
    console.log('the chain still holds:', failure.getErrorMessage());
  });

  // logFailure: report an error you caught and cannot hand to anyone, under your own heading.
  try {
    JSON.parse('{');
  } catch (error) {
    logFailure(new Failure(error), 'Could not read the settings file');
  }

  const headings = log.reports.map((report: UnhandledErrorReport) => report.heading);
  console.log('reports:', headings);
  log.flush();
} finally {
  log.stop();
}
