import { Deferred, setUnhandledErrorHandler } from '../../src/index.js';

// The default handler writes each report to console.error. This one prints the first
// line and the error message (the rest of a report is a traceback, with file paths).
setUnhandledErrorHandler((report) => {
  console.log(report.message.split('\n')[0]);
  console.log(`  ${report.failure.getErrorMessage()}`);
});

function forgotten(): void {
  const d = new Deferred<number>();
  d.addCallback(() => {
    throw new Error('nobody handles this');
  });
  d.callback(1);
} // d is dropped here, still holding its Failure

function handled(): void {
  const d = new Deferred<number>();
  d.addCallback(() => {
    throw new Error('this one is handled');
  });
  d.addErrback(() => 0);
  d.callback(1);
}

forgotten();
handled();

// A report comes when the garbage collector frees the Deferred. Make it collect now:
// this needs `node --expose-gc` (npm run examples runs every example with it).
if (typeof gc === 'undefined') throw new Error('run this example with node --expose-gc');
for (let round = 0; round < 3; round += 1) {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
}
console.log('collected');
