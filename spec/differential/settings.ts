/** Defaults shared by `npm run test:twisted` (run.ts) and the small run in `npm test` (twisted.spec.ts). */

/** The seed both runs use unless told otherwise. */
export const DEFAULT_SEED = 20260601;

/** How many programs `npm run test:twisted` runs by default. */
export const DEFAULT_COUNT = 5000;
