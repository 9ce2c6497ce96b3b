// Type-checked under `target: esnext` only (test/api.test.mjs): where the lib
// declares `Symbol.dispose`, the classes are disposable with `using`.

import { Subject, taskMatcher } from 'itam-rbac-wasm';

export function disposed(): boolean {
  using user = new Subject('k.ivanova', ['itam_operation_specialist']);
  using matcher = taskMatcher(user, 'update');
  return matcher.matches({ kind: 'maintenance', state: 'in_progress', assignee: 'k.ivanova' });
}
