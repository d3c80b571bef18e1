import { Deferred } from '../../src/index.js';

const d = new Deferred<string>();
d.addCallback((s) => {
  console.log('callback got', s);
  return s.length;
});

d.pause();
d.pause(); // pauses nest: two pause() calls need two unpause() calls
d.callback('ready');
console.log('called:', d.called, ' paused:', d.paused, ' result:', d.result, '(the callback has not run)');

d.unpause();
console.log('after one unpause, paused:', d.paused, '(still nothing ran)');

d.unpause();
console.log('after the second unpause, paused:', d.paused, ' result:', d.result);
