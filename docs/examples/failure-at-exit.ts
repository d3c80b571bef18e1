import { Deferred, setUnhandledErrorHandler } from '../../src/index.js';

// Print reports on stdout, first line and message only (the default writes all to stderr).
setUnhandledErrorHandler((report) => {
  console.log(report.message.split('\n')[0]);
  console.log(`  ${report.failure.getErrorMessage()}`);
});

const d = new Deferred<string>();
d.addCallback((name) => {
  throw new Error(`no such user: ${name}`);
});
d.callback('alice'); // nothing handles the failure, and `d` is still referenced at the end

console.log('the program ends here');
