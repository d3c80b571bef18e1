/**
 * The few Node built-ins txdefer/node uses, declared here rather than through @types/node,
 * so that the build's compiler never sees Node's globals: the rest of src/ must stay
 * browser-safe, and is compiled with no ambient types at all (tsconfig.build.json).
 */
declare module 'node:fs' {
  /** Create a symbolic link at `path` whose content is `target` (which need not exist). */
  export function symlinkSync(target: string, path: string): void;
  /** The content of the symbolic link at `path`. */
  export function readlinkSync(path: string): string;
  /** Remove the file or symbolic link at `path`. */
  export function unlinkSync(path: string): void;
}
