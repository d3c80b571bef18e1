/**
 * The core has room for one chain observer (core/observer.ts); the teaching entry has
 * several listeners (every active trace, the teaching warnings). The hub is the one
 * observer installed while any listener is, and passes each event on to each listener.
 *
 * A listener must not change what a chain does, so nothing it throws may reach the run
 * loop: an error thrown by a listener (a bug in txdefer) is thrown again in a microtask
 * of its own, where it is seen and the chain it interrupted is not.
 */
import { setChainObserver } from '../core/deferred.js';
import type { ChainObserver } from '../core/observer.js';

declare const queueMicrotask: (task: () => void) => void;

/** A listener hears the events it has a method for. */
export type ChainListener = Partial<ChainObserver>;

const listeners: ChainListener[] = [];
/** The observer that was installed before the hub (put back when the last listener leaves). */
let previous: ChainObserver | null = null;

function dispatch<K extends keyof ChainObserver>(event: K, args: Parameters<ChainObserver[K]>): void {
  for (const listener of listeners.slice()) {
    const handler = listener[event] as ((...handlerArgs: Parameters<ChainObserver[K]>) => void) | undefined;
    if (handler === undefined) continue;
    try {
      handler.apply(listener, args);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

const hub: ChainObserver = {
  added: (...args) => dispatch('added', args),
  fired: (...args) => dispatch('fired', args),
  stepStarted: (...args) => dispatch('stepStarted', args),
  stepEnded: (...args) => dispatch('stepEnded', args),
  waiting: (...args) => dispatch('waiting', args),
  resumed: (...args) => dispatch('resumed', args),
  pauseChanged: (...args) => dispatch('pauseChanged', args),
  cancelled: (...args) => dispatch('cancelled', args),
  refused: (...args) => dispatch('refused', args),
  yielded: (...args) => dispatch('yielded', args),
};

/** Start passing chain events to `listener`; returns the function that stops it (calling it again does nothing). */
export function listen(listener: ChainListener): () => void {
  if (listeners.length === 0) previous = setChainObserver(hub);
  listeners.push(listener);
  let listening = true;
  return () => {
    if (!listening) return;
    listening = false;
    listeners.splice(listeners.indexOf(listener), 1);
    if (listeners.length === 0) {
      setChainObserver(previous);
      previous = null;
    }
  };
}
