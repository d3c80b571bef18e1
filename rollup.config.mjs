// Builds the package, for each entry (`txdefer`, `txdefer/decorators`, `txdefer/testing`, `txdefer/node`,
// `txdefer/teaching`):
//   - ES modules, one file per source module (dist/index.mjs, dist/core/deferred.mjs, ...):
//     with `"sideEffects": false` in package.json, and no top-level effects in any module
//     (for bundlers that ignore the flag), a bundler leaves out every module an application
//     does not use (npm run check:size checks both);
//   - one CommonJS file per entry, dist/index.cjs, dist/decorators.cjs, dist/testing.cjs and
//     dist/node.cjs, for require(), the code they share in dist/cjs/ (so all require() the same
//     Deferred class);
//   - bundled type declarations for each: NAME.d.ts for `import`, NAME.d.cts for `require`,
//     without the `#private;` lines TypeScript writes for classes with private fields
//     (see withoutPrivateNames).
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

/**
 * The package's entries: `txdefer` (src/index.ts) and its subpaths `txdefer/decorators`
 * (the decorated-callbacks post's `callback` and `errback`, kept apart from the root's
 * names), `txdefer/testing` (trial's helpers, never in an application's bundle unless
 * imported), `txdefer/node` (what needs Node: react, the file lock), which alone imports
 * Node's built-ins, and `txdefer/teaching` (tracing, teaching warnings, pictures of a chain).
 */
const entries = {
  index: 'src/index.ts',
  decorators: 'src/decorators.ts',
  testing: 'src/testing/index.ts',
  node: 'src/node/index.ts',
  teaching: 'src/teaching/index.ts',
};

/** Node's built-in modules (`node:fs`), imported by txdefer/node only, stay imports. */
const nodeBuiltins = /^node:/;

/**
 * In a subpath's declarations, the root entry's source (src/index.ts, imported as
 * `../index.js`) is the package itself: `import { Deferred } from 'txdefer'`, so a Deferred
 * is one type whichever entry names it.
 */
function rootEntryIsThePackage() {
  return {
    name: 'root-entry-is-the-package',
    resolveId(source, importer) {
      if (importer !== undefined && /^(\.\.\/)+index\.js$/.test(source) && /[\\/]src[\\/][^\\/]+[\\/][^\\/]+\.ts$/.test(importer)) {
        return { id: 'txdefer', external: true };
      }
      return null;
    },
  };
}

/**
 * TypeScript declares a class that has `#private` fields with a `#private;` member, which
 * a consumer compiling with a `target` below ES2015 and `skipLibCheck` off cannot read
 * (TS18028, "Private identifiers are only available when targeting ECMAScript 2015 and
 * higher"). The line says nothing a user can use; without it a class's type is
 * structural, which matches the runtime: a Deferred or Failure of another copy of txdefer
 * (ESM beside CJS) is one to `isDeferred`/`isFailure` too. The package check compiles a
 * consumer at target ES5 with skipLibCheck off (scripts/check-package.mjs).
 */
function withoutPrivateNames() {
  return {
    name: 'without-private-names',
    renderChunk(code) {
      const stripped = code.replace(/^[ \t]*#private;\n/gm, '');
      if (/#private\b/.test(stripped.replace(/\/\*[\s\S]*?\*\//g, ''))) {
        this.error('a #private declaration is left in the declarations that withoutPrivateNames does not recognise');
      }
      return { code: stripped, map: null };
    },
  };
}

/**
 * `Deferred.fromCoroutine` is a method of the class (core/deferred.ts) and runs the
 * generator driver (core/driver.ts), which makes Deferreds: the two modules import each
 * other. Neither uses the other while it loads (only inside functions), so the order in
 * which they are evaluated does not matter, and rollup's warning about this one cycle is
 * left out; any other cycle is still reported.
 */
function onwarn(warning, warn) {
  const cycle = warning.ids?.map((id) => id.replace(/\\/g, '/').replace(/^.*\/src\//, 'src/')).join(' -> ');
  if (warning.code === 'CIRCULAR_DEPENDENCY' && cycle === 'src/core/deferred.ts -> src/core/driver.ts -> src/core/deferred.ts') return;
  warn(warning);
}

export default [
  {
    input: entries,
    external: nodeBuiltins,
    onwarn,
    output: [
      // One file per module: dist/index.mjs, dist/testing/index.mjs, dist/core/deferred.mjs, ...
      { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].mjs' },
      // One file per entry (dist/index.cjs, dist/testing.cjs), the code they share in dist/cjs/.
      { dir: 'dist', format: 'cjs', sourcemap: true, exports: 'named', entryFileNames: '[name].cjs', chunkFileNames: 'cjs/[name].cjs' },
    ],
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
  },
  // Declarations, one bundle per entry and module format. A subpath's declarations import
  // the root's types from 'txdefer' (the package itself), so `Deferred` is one type for both.
  ...Object.entries(entries).map(([name, input]) => ({
    input,
    external: nodeBuiltins,
    output: [
      { file: `dist/${name}.d.ts`, format: 'es' },
      { file: `dist/${name}.d.cts`, format: 'es' },
    ],
    plugins: [...(name === 'index' ? [] : [rootEntryIsThePackage()]), dts({ tsconfig: './tsconfig.build.json' }), withoutPrivateNames()],
  })),
];
