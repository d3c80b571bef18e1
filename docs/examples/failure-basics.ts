import { inspect } from 'node:util';
import { Failure } from '../../src/index.js';

class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

class MissingKeyError extends ConfigError {
  constructor(key: string) {
    super(`missing key: ${key}`);
    this.name = 'MissingKeyError';
  }
}

const error = new MissingKeyError('port');
const failure = new Failure(error);

console.log('value is the error:', failure.value === error);
console.log('type is its class:', failure.type === MissingKeyError);
console.log('getErrorMessage():', failure.getErrorMessage());
console.log('inspect():', inspect(failure));

// check() answers with the first argument that matches, following the prototype chain.
console.log('check(MissingKeyError):', failure.check(MissingKeyError)?.name);
console.log('check(ConfigError):', failure.check(ConfigError)?.name);
console.log('check(TypeError):', failure.check(TypeError)?.name);
console.log('check(TypeError, Error, ConfigError):', failure.check(TypeError, Error, ConfigError)?.name);
console.log("check('ConfigError'):", JSON.stringify(failure.check('ConfigError')), '(a class name: the string comes back)');

// raiseException() throws the wrapped error itself, not the Failure.
try {
  failure.raiseException();
} catch (thrown) {
  console.log('raiseException() threw the error:', thrown === error);
}
