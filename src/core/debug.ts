/**
 * Debug mode (Twisted's `setDebugging`): when on, every Deferred records the call
 * stack at which it was created and the one at which it was first fired, and
 * `AlreadyCalledError` and unhandled-error reports show both.
 */
import type { Failure } from './failure.js';

let debugging = false;

/** Turn debug mode on or off for Deferreds created and fired from now on. */
export function setDebugging(on: boolean): void {
  debugging = Boolean(on);
}

/** Whether debug mode is on. */
export function getDebugging(): boolean {
  return debugging;
}

type CaptureStackTrace = (target: object, boundary?: object) => void;

/**
 * The current call stack as a list of frame lines ("at f (file:1:2)"), innermost
 * first, without the frames of `boundary` and everything it called.
 */
export function captureStack(boundary?: object): string[] {
  // Looked up here, not once at the top of the module: a property read at top level is
  // code that bundlers keep (they cannot know a getter has no effect).
  const captureStackTrace = (Error as unknown as { captureStackTrace?: CaptureStackTrace }).captureStackTrace;
  const holder: { stack?: string | undefined } = {};
  if (captureStackTrace !== undefined) captureStackTrace(holder, boundary);
  else holder.stack = new Error().stack;
  return stackFrames(holder.stack);
}

/** The frame lines of an `Error.stack` string (V8's "at ..." lines, or Firefox/Safari "fn@file" lines). */
export function stackFrames(stack: string | undefined): string[] {
  if (typeof stack !== 'string') return [];
  const lines = stack.split('\n');
  const v8 = lines.filter((line) => /^\s+at\s/.test(line));
  if (v8.length > 0) return v8.map((line) => line.trim());
  return lines.filter((line) => line.includes('@')).map((line) => line.trim());
}

/**
 * What a Deferred knows about itself for debugging and for unhandled-error reports
 * (Twisted's DebugInfo). Created lazily: with debug mode on at construction, or the
 * first time a chain run leaves a Failure as the Deferred's result.
 *
 * It never refers back to its Deferred, so it can outlive it and report, after the
 * Deferred has been garbage-collected, a Failure that nobody handled.
 */
export class DebugInfo {
  /** Frames where the Deferred was created (debug mode only). */
  creator: string[] | undefined = undefined;
  /** Frames where the Deferred was first fired (debug mode only). */
  invoker: string[] | undefined = undefined;
  /** The Failure the Deferred's chain last ended with, until something handles it. */
  failResult: Failure | undefined = undefined;
  /** Whether this record is known to the unhandled-failure tracker. */
  tracked = false;

  /**
   * Twisted's debug text: a " C:" block for the creator and an " I:" block for the
   * first invoker, each line prefixed so the two stacks can be told apart.
   */
  describe(): string {
    let text = '';
    if (this.creator !== undefined) text += block(' C: Deferred was created:', ' C:', this.creator);
    if (this.invoker !== undefined) text += block(' I: First Invoker was:', ' I:', this.invoker);
    return text;
  }
}

function block(title: string, prefix: string, frames: string[]): string {
  return `${title}\n${frames.map((frame) => `${prefix} ${frame}`).join('\n')}\n`;
}
