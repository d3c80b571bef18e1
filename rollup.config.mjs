// Builds the package: ESM and CommonJS bundles plus bundled type declarations
// for each (index.d.ts for `import`, index.d.cts for `require`), and the same four
// files for the `txdefer/decorators` entry (decorators.*).
//
// The decorators entry imports the rest of the library from the root bundle
// (`./index.mjs` / `./index.cjs`, and their declarations) instead of carrying a second
// copy of it: a program using both entries has one Deferred class, one Failure class,
// one unhandled-error handler. In that build, a module of src/ that src/index.ts
// re-exports from is external and mapped to the root bundle; the decorators import
// only names the root exports from those modules (check-package runs the result, and an
// import the root does not export fails there). Small private helpers the root does not
// export (describeValue, isThenable) are bundled into the decorators instead.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const root = dirname(fileURLToPath(import.meta.url));
const input = 'src/index.ts';
const decorators = 'src/decorators.ts';

/** The modules src/index.ts re-exports from: the ones whose classes and state the root bundle owns. */
const publicModules = new Set(
  [...readFileSync(resolve(root, input), 'utf8').matchAll(/from '(\.\/[^']+)\.js'/g)].map((match) => resolve(root, 'src', `${match[1]}.ts`)),
);

/** For the decorators build: a public module comes from the root bundle. */
function fromRoot(id, importer) {
  if (importer === undefined || !id.startsWith('.')) return false;
  return publicModules.has(resolve(dirname(importer), id.replace(/\.js$/, '.ts')));
}

/** Where the decorators build's external imports point: the root bundle of the same format. */
const rootBundle = (extension) => () => `./index.${extension}`;

export default [
  {
    input,
    output: [
      { file: 'dist/index.mjs', format: 'es', sourcemap: true },
      { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input,
    output: [
      { file: 'dist/index.d.ts', format: 'es' },
      { file: 'dist/index.d.cts', format: 'es' },
    ],
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input: decorators,
    external: fromRoot,
    output: [
      { file: 'dist/decorators.mjs', format: 'es', sourcemap: true, paths: rootBundle('mjs') },
      { file: 'dist/decorators.cjs', format: 'cjs', sourcemap: true, exports: 'named', paths: rootBundle('cjs') },
    ],
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input: decorators,
    external: fromRoot,
    output: [
      { file: 'dist/decorators.d.ts', format: 'es', paths: rootBundle('js') },
      { file: 'dist/decorators.d.cts', format: 'es', paths: rootBundle('cjs') },
    ],
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  },
];
