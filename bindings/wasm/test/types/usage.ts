// Type-checked by `tsc --noEmit` (test/api.test.mjs): the declarations accept the
// API as the README uses it, and reject wrong names and shapes. Never run.

import {
  Subject, can, explain, permittedActions, validateEvent, canRecord, checkRecord, transitionRecord,
  taskFilter, taskFilterSql, recordFilter, recordFilterSql, names, checkEdit, editableFields,
  taskMatcher, recordMatcher,
  type Task, type RecordInput, type DecisionRecord, type Outcome, type TaskState, type Role,
  type Check, type TaskField, type FilterSql, type TaskColumns,
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
const where: FilterSql = taskFilterSql(user, 'update', 'postgres', { assignedTo: 't.assignee_id' });
const bind: string[] = where.params;
recordFilterSql(user, 'read', 'contract', 'sqlite', { kind: null, placeholder: '?2' }).sql;
const guard: Check = checkEdit(user, task, ['priority', 'other']);
const editable: TaskField[] = editableFields('relocation', 'pending_approval');
const rows: Uint32Array = taskMatcher(user, 'update').allowedIndices([task, task]);
const columns: TaskColumns = { kinds: ['maintenance', 'inventory'], states: new Uint8Array([1, 5]), assignees: ['k.ivanova', null] };
const fast: Uint32Array = taskMatcher(user, 'update').allowedIndicesColumns(columns);
const one: boolean = recordMatcher(user, 'read', 'contract').matches(contract);
new Subject(42, ['itam_agent']);
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
// @ts-expect-error: not a task field
checkEdit(user, task, ['title']);
// @ts-expect-error: not a task kind in the kinds column
taskMatcher(user, 'read').allowedIndicesColumns({ kinds: ['audit'], states: ['registered'], assignees: [null] });
// @ts-expect-error: the columns are kinds, states and assignees
taskMatcher(user, 'read').allowedIndicesColumns({ kinds: [], states: [], assignedTo: [] });
// @ts-expect-error: the Columns spelling is not a task key
can(user, 'update', { kind: 'maintenance', state: 'in_progress', assignedTo: 'x' });

export { allowed, code, roles, first, bind, guard, editable, rows, one };
