import { fail, type Failure } from '../../src/index.js';

class NotFound extends Error {
  constructor(path: string) {
    super(`no such page: ${path}`);
    this.name = 'NotFound';
  }
}

class Forbidden extends Error {
  constructor(path: string) {
    super(`not allowed: ${path}`);
    this.name = 'Forbidden';
  }
}

// trap() matches: it returns the class, and the errback goes on to recover.
fail<string>(new NotFound('/missing'))
  .addErrback((failure) => {
    const trapped = failure.trap(NotFound, Forbidden);
    console.log('1. trapped', trapped.name, '-> serving a default page');
    return 'default page';
  })
  .addCallback((page) => {
    console.log('   the next callback got', JSON.stringify(page));
  });

// trap() does not match: it throws the wrapped error again, so the next errback
// gets a new Failure around the same error.
let first: Failure | undefined;
fail<string>(new Forbidden('/admin'))
  .addErrback((failure) => {
    first = failure;
    failure.trap(NotFound);
    return 'not reached';
  })
  .addErrback((failure) => {
    console.log('2. not trapped; the next errback got', failure.getErrorMessage());
    console.log('   a new Failure:', failure !== first, ' around the same error:', failure.value === first?.value);
  });

// An errback that only traps makes the class itself the chain's result.
fail<string>(new NotFound('/old'))
  .addErrback((failure) => failure.trap(NotFound))
  .addCallback((result) => {
    console.log('3. the result is the class NotFound:', result === NotFound);
  });
