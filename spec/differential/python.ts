/**
 * The persistent Python worker (driver.py) that runs printed programs on real Twisted.
 *
 * One process serves every batch: requests are JSON lines with the programs' Python
 * text, answered in order with their traces. Twisted is Debian's python3-twisted,
 * run by /usr/bin/python3 (not the python3 on PATH).
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Program } from './model.js';
import { printFunction } from './print.js';

export const PYTHON = '/usr/bin/python3';
export const HERE = dirname(fileURLToPath(import.meta.url));
const DRIVER = join(HERE, 'driver.py');

/** Whether /usr/bin/python3 can import Twisted. */
export function twistedAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import twisted'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The version of Twisted /usr/bin/python3 imports. */
export function twistedVersion(): string {
  return execFileSync(PYTHON, ['-c', 'import twisted; print(twisted.__version__)'], { encoding: 'utf8' }).trim();
}

interface Pending {
  resolve(traces: string[][]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

/** How long one batch may take on Twisted (by default) before the worker is presumed stuck on a program that never ends. */
const BATCH_TIMEOUT_MS = 120_000;

export class PythonWorker {
  readonly #process: ChildProcessWithoutNullStreams;
  readonly #pending: Pending[] = [];
  #buffer = '';
  #stderr = '';
  #exited: Error | undefined;
  readonly #batchTimeoutMs: number;

  constructor(options: { batchTimeoutMs?: number } = {}) {
    this.#batchTimeoutMs = options.batchTimeoutMs ?? BATCH_TIMEOUT_MS;
    this.#process = spawn(PYTHON, ['-u', DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#process.stdout.setEncoding('utf8');
    this.#process.stdout.on('data', (chunk: string) => {
      this.#buffer += chunk;
      for (let newline = this.#buffer.indexOf('\n'); newline >= 0; newline = this.#buffer.indexOf('\n')) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        const pending = this.#pending.shift();
        if (pending === undefined) continue;
        clearTimeout(pending.timer);
        try {
          pending.resolve((JSON.parse(line) as { traces: string[][] }).traces);
        } catch (error) {
          pending.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    });
    this.#process.stderr.setEncoding('utf8');
    this.#process.stderr.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-4000);
    });
    this.#process.on('exit', (code, signal) => {
      this.#exited = new Error(`the Python worker exited (code ${code}, signal ${signal}):\n${this.#stderr}`);
      for (const pending of this.#pending.splice(0)) {
        clearTimeout(pending.timer);
        pending.reject(this.#exited);
      }
    });
  }

  /** The traces of the given Python program texts (printFunction(program, 'py')). */
  runSources(sources: readonly string[]): Promise<string[][]> {
    if (this.#exited !== undefined) return Promise.reject(this.#exited);
    return new Promise<string[][]>((resolve, reject) => {
      const entry: Pending = { resolve, reject, timer: undefined };
      // Checked every BATCH_TIMEOUT_MS; given up when it was the batch the worker is on
      // (the first one waiting) at two checks in a row.
      let headAtLastCheck = false;
      const arm = (): void => {
        entry.timer = setTimeout(() => {
          const head = this.#pending[0] === entry;
          if (!head || !headAtLastCheck) {
            headAtLastCheck = head;
            arm();
            return;
          }
          this.close();
          reject(
            new Error(
              `a batch of ${sources.length} programs did not finish on Twisted within ${this.#batchTimeoutMs / 1000} s: ` +
                'a program probably never ends (find it with --only N)',
            ),
          );
        }, this.#batchTimeoutMs);
      };
      arm();
      this.#pending.push(entry);
      this.#process.stdin.write(`${JSON.stringify({ programs: sources })}\n`);
    });
  }

  /** The traces of the programs on Twisted. */
  run(programs: readonly Program[]): Promise<string[][]> {
    return this.runSources(programs.map((program) => printFunction(program, 'py')));
  }

  close(): void {
    this.#process.stdin.end();
    this.#process.kill();
  }
}
