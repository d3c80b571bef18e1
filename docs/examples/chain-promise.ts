import { succeed } from '../../src/index.js';

succeed('config.json')
  .addCallback((name) => Promise.reject(new Error(`cannot read ${name}`)))
  .addCallback(() => console.log('never: the Promise was rejected'))
  .addErrback((failure) => {
    console.log('errback got:', failure.getErrorMessage());
    return Promise.resolve('defaults');
  })
  .addCallback((settings) => console.log('then the chain goes on with', JSON.stringify(settings)));

console.log('the chain is waiting for the Promise');
