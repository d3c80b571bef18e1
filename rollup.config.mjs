// Builds the package:
//   - ES modules, one file per source module (dist/index.mjs, dist/core/deferred.mjs, ...):
//     with `"sideEffects": false` in package.json, a bundler leaves out every module an
//     application does not use, whatever a module's top-level code (npm run check:size);
//   - one CommonJS file, dist/index.cjs, for require();
//   - bundled type declarations for each: index.d.ts for `import`, index.d.cts for `require`,
//     without the `#private;` lines TypeScript writes for classes with private fields
//     (see withoutPrivateNames);
//   - the same for the `txdefer/decorators` entry: dist/decorators.mjs among the ES modules,
//     dist/decorators.cjs, dist/decorators.d.ts and dist/decorators.d.cts.
//
// The decorators entry shares the rest of the library with the root instead of carrying a
// second copy of it: a program using both entries has one Deferred class, one Failure
// class, one unhandled-error handler. As ES modules that comes by itself (both entries are
// inputs of one build, so they import the same dist/core/*.mjs). The CommonJS file and the
// declarations are single files, so there the decorators import the root's
// (`./index.cjs`, `./index.js`): in those builds a module of src/ that src/index.ts
// re-exports from is external and mapped to the root file. The decorators import only names
// the root exports from those modules (check-package runs the result, and an import the
// root does not export fails there); the small private helpers they use (describeValue,
// isThenable) are copied into decorators.cjs instead.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const root = dirname(fileURLToPath(import.meta.url));
const input = 'src/index.ts';
const decorators = 'src/decorators.ts';

/** The modules src/index.ts re-exports from: the ones whose classes and state the root file owns. */
const publicModules = new Set(
  [...readFileSync(resolve(root, input), 'utf8').matchAll(/from '(\.\/[^']+)\.js'/g)].map((match) => resolve(root, 'src', `${match[1]}.ts`)),
);

/** For the single-file decorators builds: a public module comes from the root file. */
function fromRoot(id, importer) {
  if (importer === undefined || !id.startsWith('.')) return false;
  return publicModules.has(resolve(dirname(importer), id.replace(/\.js$/, '.ts')));
}

/** Where those builds' external imports point: the root file of the same kind. */
const rootFile = (extension) => () => `./index.${extension}`;

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

export default [
  {
    input: { index: input, decorators },
    output: { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].mjs' },
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input,
    output: { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input,
    output: [
      { file: 'dist/index.d.ts', format: 'es' },
      { file: 'dist/index.d.cts', format: 'es' },
    ],
    plugins: [dts({ tsconfig: './tsconfig.build.json' }), withoutPrivateNames()],
  },
  {
    input: decorators,
    external: fromRoot,
    output: { file: 'dist/decorators.cjs', format: 'cjs', sourcemap: true, exports: 'named', paths: rootFile('cjs') },
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input: decorators,
    external: fromRoot,
    output: [
      { file: 'dist/decorators.d.ts', format: 'es', paths: rootFile('js') },
      { file: 'dist/decorators.d.cts', format: 'es', paths: rootFile('cjs') },
    ],
    plugins: [dts({ tsconfig: './tsconfig.build.json' }), withoutPrivateNames()],
  },
];
