/**
 * Deferreds are numbered for the whole program (`<Deferred #17>`), so the same chain
 * traced twice gets different numbers. `renumbered(trace)` gives a copy of the records
 * in which the Deferreds are numbered 1, 2, 3, ... in the order the trace met them: two
 * traces of the same program then compare equal, and a learner reads small numbers.
 */
import type { TraceRecord } from './records.js';
import { recordsOf } from './ladder-model.js';

/** The fields of a record (or of a value description in it) that hold a Deferred's number. */
const NUMBER_FIELDS = new Set(['deferred', 'on', 'from', 'target', 'by', 'handedTo', 'id']);
/** The fields that may name a Deferred in text (`<Deferred #3>`, `<Deferred #3>.callback`). */
const TEXT_FIELDS = new Set(['repr', 'callback', 'errback', 'fn']);

/** A copy of `trace`'s records (a Trace or an array of records) with the Deferreds numbered from 1. */
export function renumbered(trace: unknown): TraceRecord[] {
  const records = recordsOf(trace, 'renumbered');
  const numbers = new Map<number, number>();
  const number = (id: number): number => {
    let mapped = numbers.get(id);
    if (mapped === undefined) {
      mapped = numbers.size + 1;
      numbers.set(id, mapped);
    }
    return mapped;
  };
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (NUMBER_FIELDS.has(key) && typeof field === 'number') out[key] = number(field);
      else if (TEXT_FIELDS.has(key) && typeof field === 'string') out[key] = field.replace(/<Deferred #(\d+)>/g, (_text, id: string) => `<Deferred #${number(Number(id))}>`);
      else out[key] = copy(field);
    }
    return out;
  };
  return records.map((record) => copy(record) as TraceRecord);
}
