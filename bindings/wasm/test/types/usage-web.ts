// Type-checked with usage.ts: the browser build's declarations (init first).

import init, { Subject, permittedActions, type Permitted } from 'itam-rbac-wasm/web';

await init();
const user = new Subject('k.ivanova', ['itam_operation_specialist']);
const buttons: Permitted = permittedActions(user, { kind: 'inventory', state: 'completed' });
// @ts-expect-error: not a task kind
permittedActions(user, { kind: 'audit', state: 'completed' });

export { buttons };
