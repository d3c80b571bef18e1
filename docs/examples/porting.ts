import { Deferred, type Failure } from '../../src/index.js';

class KeyError extends Error {
  constructor(key: unknown) {
    super(String(key));
    this.name = 'KeyError';
  }
}

function lookup(userId: number, users: Map<number, string>): string {
  const name = users.get(userId);
  if (name === undefined) throw new KeyError(userId); // a Map does not throw by itself
  return name;
}

function greet(name: string, punctuation: string, { greeting = 'Hello' }: { greeting?: string } = {}): string {
  return `${greeting}, ${name}${punctuation}`;
}

function unknownUser(failure: Failure): undefined {
  failure.trap(KeyError);
  return undefined;
}

function show(result: string | undefined): void {
  if (result === undefined) {
    console.log('(no such user)');
  } else {
    console.log(result);
  }
}

const users = new Map([[1, 'Alice'], [2, 'Bob']]);
for (const userId of [1, 2, 3]) {
  const d = new Deferred<number>();
  d.addCallback(lookup, users)
    .addCallback(greet, '!', { greeting: 'Hi' })
    .addErrback(unknownUser)
    .addCallback(show);
  d.callback(userId);
}
