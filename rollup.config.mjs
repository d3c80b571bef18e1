// Builds the package:
//   - ES modules, one file per source module (dist/index.mjs, dist/core/deferred.mjs, ...):
//     with `"sideEffects": false` in package.json, a bundler leaves out every module an
//     application does not use, whatever a module's top-level code (npm run check:size);
//   - one CommonJS file, dist/index.cjs, for require();
//   - bundled type declarations for each: index.d.ts for `import`, index.d.cts for `require`.
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const input = 'src/index.ts';

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
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  },
];
