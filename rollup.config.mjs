// Builds the package:
//   - ES modules, one file per source module (dist/index.mjs, dist/core/deferred.mjs, ...):
//     with `"sideEffects": false` in package.json, a bundler leaves out every module an
//     application does not use, whatever a module's top-level code (npm run check:size);
//   - one CommonJS file, dist/index.cjs, for require();
//   - bundled type declarations for each: index.d.ts for `import`, index.d.cts for `require`,
//     without the `#private;` lines TypeScript writes for classes with private fields
//     (see withoutPrivateNames).
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const input = 'src/index.ts';

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
    input,
    output: [
      { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].mjs' },
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
    plugins: [dts({ tsconfig: './tsconfig.build.json' }), withoutPrivateNames()],
  },
];
