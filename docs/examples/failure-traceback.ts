import { succeed } from '../../src/index.js';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port)) throw new RangeError(`not a port number: ${text}`);
  return port;
}

function readConfig(text: string): number {
  return parsePort(text.trim());
}

succeed(' http ')
  .addCallback(readConfig)
  .addErrback((failure) => {
    console.log('getErrorMessage():', failure.getErrorMessage());
    // The traceback also lists the engine's and Node's own frames, whose paths and line
    // numbers differ from machine to machine: keep this file's frames, without the path.
    const lines = failure.getTraceback().trimEnd().split('\n');
    const shown = lines
      .filter((line) => !line.startsWith('  at ') || line.includes('failure-traceback.ts'))
      .map((line) => line.replace(/\(.*\//, '('));
    console.log(shown.join('\n'));
  });
