// `npm run lint`: ESLint with typescript-eslint's type-aware rules (strictTypeChecked) on
// every TypeScript file the project type-checks, and ESLint's recommended rules on the
// JavaScript tooling (scripts/, spec/browser/, examples/*.mjs, this file).
//
// The rules are those the codebase already keeps. Each rule turned off or relaxed below
// says why: each is a deliberate habit of this code, not a lapse. A new file follows the
// same rules (there is no per-folder exemption for src/); `npm run lint` must pass before
// a change is committed, and CI runs it (.ci/run).
//
// Formatting is Prettier's, for the files `npm run format:check` lists (package.json): those
// written since Prettier came in (issue 13), with .prettierrc.json set to the house style
// (single quotes, 140 columns). The older files keep their hand layout, which Prettier would
// reflow (about a dozen files of src/); a new file is added to that list. Nothing here is
// about layout.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'coverage/', 'node_modules/', '.pack-check/', '.scratch/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Messages interpolate numbers, booleans and null/undefined on purpose (a bad argument
      // is described as it is); objects still go through repr()/describeValue().
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      // `() => d.callback(1)` is the idiom of callbacks and specs; the void is not confusing there.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // `new Deferred<unknown>()` spells out the type a Deferred carries even where it is the default.
      '@typescript-eslint/no-unnecessary-type-arguments': 'off',
      // Every public entry checks its arguments at run time although the types forbid bad
      // ones: JavaScript callers and hostile values get a named TypeError (docs/faithfulness.md).
      // Those checks, and the casts and Boolean() around them, look unnecessary to the types.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // `Failure | unknown` says in a signature that a Failure is expected though anything is taken.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Anything can be thrown in JavaScript; txdefer hands on what was thrown, unchanged,
      // to errbacks and to Promise rejections (Twisted's Failure wraps any exception).
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // `void expression` marks a read made for its effect (unhandled.ts reads `stack` to
      // release V8's frames) and, in spec/types, an expression checked only for its type.
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // Classes run their one-time setup from private static fields (`static #branded =
    // brandError(this, ...)`) so that a module has no top-level effect and bundlers drop
    // an unused class (src/core/errors.ts): such a field is never read, by design.
    files: ['src/**/*.ts'],
    rules: {
      'no-unused-private-class-members': 'off',
      // No module may do anything when loaded, or bundlers keep it in every application
      // (npm run check:size checks the bundles; this says where, earlier). A computed key in a
      // class body counts: esbuild keeps the class. Well-known symbols (Symbol.iterator) are fine.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program > ExpressionStatement',
          message:
            'A statement at the top level of a module runs when it is loaded: bundlers then keep the module. Do it from a pure-annotated private static field (see src/core/symbol-method.ts).',
        },
        {
          selector: "ClassBody > MethodDefinition[computed=true]:not([key.object.name='Symbol'])",
          message:
            'A computed method key makes esbuild keep this class in every bundle: add the method with defineSymbolMethod from a pure-annotated static field (src/core/symbol-method.ts).',
        },
        {
          selector: "ClassBody > PropertyDefinition[computed=true][declare!=true]:not([key.object.name='Symbol'])",
          message: 'A computed field key makes esbuild keep this class in every bundle (src/core/symbol-method.ts).',
        },
      ],
    },
  },
  {
    // Specs, examples and benchmarks throw and reject with non-Errors, write async
    // functions that never await, and take `yield`'s `any` unannotated: each on purpose,
    // to check that txdefer copes (or, in benchmarks, to measure the plain form).
    files: ['spec/**/*.ts', 'examples/**/*.ts', 'docs/examples/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // A benchmark calls `promise.then(f)` and measures it: awaiting it would change what is measured.
    files: ['bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
    },
  },
  {
    // Regression programs are printed by the differential tester from its model (one
    // variable per Deferred, one per yield), not written by hand.
    files: ['spec/differential/regressions/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off', 'no-useless-assignment': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Their page.evaluate() callbacks run in the browser page; the playground's scripts are the page.
    files: ['spec/browser/run.mjs', 'spec/playground/run.mjs', 'docs/playground/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
