// Type-checked by `tsc --noEmit` (test/api.test.mjs): the declarations accept the
// API as the README uses it, and reject wrong names and shapes. Never run.

import {
  Subject, can, explain, permittedActions, validateEvent, canRecord, checkRecord, transitionRecord,
  taskFilter, taskFilterSql, recordFilter, recordFilterSql, names,
  type Task, type RecordInput, type DecisionRecord, type Outcome, type TaskState, type Role,
} from 'itam-rbac-wasm';

const user = new Subject('k.ivanova', ['itam_operation_specialist']);
const task: Task = { kind: 'maintenance', state: 'in_progress', assignee: 'k.ivanova' };
const allowed: boolean = can(user, 'update', task);
const record: DecisionRecord = explain(user, 'delete', task);
const code: number = record.code;
const roles: Role[] = record.roles;
const buttons = permittedActions(user, task, ['in_assignment_group']);
const first: 'read' | 'create' | 'update' | 'delete' | undefined = buttons.actions[0];
const next: Outcome<TaskState> = validateEvent(user, task, 'start_work');
if (next.allowed) {
  const state: TaskState = next.next;
} else {
  const message: string = next.message;
}
const contract: RecordInput = { kind: 'contract', state: 'approval', creator: 'a', submitter: 'a', hasDocument: true };
canRecord(user, 'update', contract);
checkRecord(user, 'read', contract);
transitionRecord(user, contract, 'approve');
taskFilter(user, 'update').groups.map((group) => group.kinds);
taskFilterSql(user, 'update', 'postgres', { assignedTo: 't.assignee_id' });
recordFilter(user, 'approve', 'contract');
recordFilterSql(user, 'read', 'demand', 'sqlite');
names().recordStates.contract;

// @ts-expect-error: not a role's system name
new Subject('x', ['itam_root']);
// @ts-expect-error: not an action
can(user, 'edit', task);
// @ts-expect-error: not a task state
can(user, 'update', { kind: 'maintenance', state: 'done' });
// @ts-expect-error: a demand's state on a contract
checkRecord(user, 'read', { kind: 'contract', state: 'in_progress' });
// @ts-expect-error: not a record event
transitionRecord(user, contract, 'sign');
// @ts-expect-error: not a dialect
taskFilterSql(user, 'update', 'oracle');
// @ts-expect-error: not a relation
permittedActions(user, task, ['assigned']);

export { allowed, code, roles, first };
