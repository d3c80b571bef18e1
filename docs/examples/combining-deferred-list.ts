import { Deferred, DeferredList, FAILURE, SUCCESS } from '../../src/index.js';

const fetchA = new Deferred<string>();
const fetchB = new Deferred<string>();
const fetchC = new Deferred<string>();

// One Deferred for three: it fires once all three have fired, failures included.
const all = new DeferredList([fetchA, fetchB, fetchC], { consumeErrors: true });
all.addCallback((results) => {
  results.forEach(([succeeded, outcome], index) => {
    if (succeeded === SUCCESS) console.log(`#${index} succeeded: ${outcome}`);
    else console.log(`#${index} failed: ${outcome.getErrorMessage()}`);
  });
});

// The results come in the order of the list, whatever order the Deferreds fire in.
fetchC.callback('page C');
fetchB.errback(new Error('connection reset'));
console.log(`after two of three: fired=${all.called}, finishedCount=${all.finishedCount}`);
fetchA.callback('page A');

// SUCCESS and FAILURE are just true and false.
console.log(`SUCCESS=${SUCCESS} FAILURE=${FAILURE}`);
