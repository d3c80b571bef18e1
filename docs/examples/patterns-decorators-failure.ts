import { Clock, deferLater } from '../../src/index.js';
import { callback } from '../../src/decorators.js';

const clock = new Clock();
const summary = callback((user: string, orders: number, balance: number) => `${user}: ${orders} orders, ${balance} due`);

// Three lookups, waited for together. The second fails after 2 seconds: the third, still
// pending, is cancelled, and summary is never called.
const user = deferLater(clock, 1, () => 'terry');
const orders = deferLater(clock, 2, (): number => {
  throw new Error('the orders service is down');
});
const balance = deferLater(clock, 5, () => 12);
summary(user, orders, balance).addCallbacks(
  (text) => console.log(text),
  (failure) => console.log('summary failed:', failure.getErrorMessage()),
);
clock.advance(1);
clock.advance(1);
console.log('balance cancelled:', balance.called, '| calls on the clock:', clock.getDelayedCalls().length);
