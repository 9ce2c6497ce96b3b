// The package's declarations: the wasm-bindgen glue's, and `[Symbol.dispose]()` on
// the classes only where the TypeScript lib declares `Symbol.dispose`
// (`esnext.disposable`, `esnext`), so they compile under every `target` from
// es2020 with `skipLibCheck: false`, and `using` works where the lib has it.
export * from './itam_rbac_wasm.js';

type DisposeKey = SymbolConstructor extends { readonly dispose: infer D extends symbol } ? D : never;
type Disposer = { [K in DisposeKey]: () => void };

declare module './itam_rbac_wasm.js' {
  interface Subject extends Disposer {}
  interface TaskMatcher extends Disposer {}
  interface RecordMatcher extends Disposer {}
}
