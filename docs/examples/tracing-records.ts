// Trace one Deferred and what it waits on, then print each record on one line.
import { Deferred, type Failure } from '../../src/index.js';
import { trace } from '../../src/teaching/index.js';

const page = new Deferred<string>();
const t = trace(page, { label: 'page' });

page
  .addCallback(function parse(text: string) {
    if (!text.startsWith('<html>')) throw new SyntaxError('not a page');
    return text.length;
  })
  .addErrback(function useDefault(failure: Failure) {
    console.log('useDefault got', failure.getErrorMessage());
    return 0;
  })
  .addCallback(function report(size: number) {
    console.log('size', size);
  });

page.callback('oops');
t.stop();

for (const record of t.records) {
  const { seq, type, deferred, ...rest } = record;
  console.log(seq, type, `#${deferred === t.records[0]?.deferred ? 'page' : deferred}`, JSON.stringify(rest));
}
