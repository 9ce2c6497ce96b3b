// The batch matchers: `allowedIndicesColumns` (tasks held as columns, the fast
// path) and `allowedIndices` (an array of task objects) answer exactly as `can`,
// under the input contract; and no list is read through its prototype: an array's
// hole is refused, whatever `Array.prototype[i]` holds (run against an older build
// with ITAM_PKG=<path of its index.js>: the hole tests fail there).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

const pkg = await import(process.env.ITAM_PKG ?? '../pkg/node/index.js');

const n = pkg.names();
const roleSets = [[], ['itam_agent'], ['itam_operation_specialist'], ['itam_process_manager'], ['itam_responsible'], ['admin'], ['itam_contract_manager', 'itam_operation_specialist']];

/** The TypeError `f` throws: its message (anything else thrown fails the test). */
function typeError(f) {
  let thrown;
  try {
    f();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, 'did not throw');
  assert.ok(thrown instanceof TypeError, `threw ${thrown?.constructor?.name ?? typeof thrown}: ${thrown?.message ?? String(thrown)}`);
  return thrown.message;
}

/** Every kind × state × assignee (nobody, the user, another, the user as a number). */
function everyTask(user) {
  const tasks = [];
  for (const kind of n.taskKinds) {
    for (const state of n.taskStates) {
      for (const assignee of [null, undefined, user, 'other', 7, '7']) tasks.push({ kind, state, assignee });
    }
  }
  return tasks;
}
const columnsOf = (tasks) => ({
  kinds: tasks.map((t) => t.kind),
  states: tasks.map((t) => t.state),
  assignees: tasks.map((t) => t.assignee),
});
const indicesOf = (tasks) => ({
  kinds: Uint8Array.from(tasks, (t) => n.taskKinds.indexOf(t.kind)),
  states: Uint8Array.from(tasks, (t) => n.taskStates.indexOf(t.state)),
  assignees: tasks.map((t) => t.assignee),
});

test('allowedIndicesColumns answers as can, for every role set, action, kind, state and assignee', () => {
  if (typeof pkg.TaskMatcher.prototype.allowedIndicesColumns !== 'function') {
    assert.fail('no allowedIndicesColumns');
  }
  for (const id of ['k.ivanova', 7]) {
    for (const roles of roleSets) {
      const subject = new pkg.Subject(id, roles);
      const tasks = everyTask(subject.id);
      for (const action of n.actions) {
        const want = tasks.flatMap((t, i) => (pkg.can(subject, action, t) ? [i] : []));
        const matcher = pkg.taskMatcher(subject, action);
        const byColumns = matcher.allowedIndicesColumns(columnsOf(tasks));
        assert.ok(byColumns instanceof Uint32Array);
        assert.deepEqual([...byColumns], want, `${roles} ${action}`);
        assert.deepEqual([...matcher.allowedIndicesColumns(indicesOf(tasks))], want, `${roles} ${action} (indices)`);
        assert.deepEqual([...matcher.allowedIndices(tasks.map((t) => (t.assignee === undefined ? { kind: t.kind, state: t.state } : t)))], want);
        matcher.free();
      }
      subject.free();
    }
  }
});

test('allowedIndicesColumns checks the columns once, with TypeErrors naming the column and element', () => {
  const user = new pkg.Subject('k.ivanova', ['itam_operation_specialist']);
  const m = pkg.taskMatcher(user, 'update');
  const kinds = ['maintenance', 'inventory'];
  const states = ['in_progress', 'completed'];
  const assignees = ['k.ivanova', null];
  assert.deepEqual([...m.allowedIndicesColumns({ kinds, states, assignees })], [0]);
  assert.deepEqual([...m.allowedIndicesColumns({ kinds: [], states: new Uint8Array(0), assignees: [] })], []);
  const cases = [
    [{ kinds, states: states.slice(1), assignees }, 'columns.states has 1 elements where columns.kinds has 2: the columns must be equally long'],
    [{ kinds, states, assignees: [...assignees, null] }, 'columns.assignees has 3 elements where columns.kinds has 2: the columns must be equally long'],
    [{ kinds, states, assignedTo: assignees }, /^columns has an unknown key "assignedTo"/],
    [{ kinds, states, assignees, extra: 1 }, /^columns has an unknown key "extra"/],
    [{ kinds, states }, /^columns\.assignees must be an array of user ids .*, got undefined$/],
    [{ kinds: 'maintenance', states, assignees }, /^columns\.kinds must be an array of task kinds \(strings\) or a Uint8Array of their indices in names\(\)\.taskKinds, got the string "maintenance"$/],
    [{ kinds, states: new Uint16Array(2), assignees }, /^columns\.states must be .*, got an object$/],
    [{ kinds, states, assignees: new Uint8Array(2) }, /^columns\.assignees must be .*, got a Uint8Array$/],
    [{ kinds: ['maintenance', 'Inventory'], states, assignees }, 'columns.kinds[1]: unknown task kind name "Inventory" (did you mean "inventory"?)'],
    [{ kinds, states: ['in_progress', 5], assignees }, 'columns.states[1] must be a task state (a string), got the number 5'],
    [{ kinds: Uint8Array.of(7, 12), states, assignees }, 'columns.kinds[1] must be the index of a task kind in names().taskKinds (below 12), got the number 12'],
    [{ kinds, states: Uint8Array.of(1, 7), assignees }, 'columns.states[1] must be the index of a task state in names().taskStates (below 7), got the number 7'],
    [{ kinds, states, assignees: ['k.ivanova', ''] }, 'columns.assignees[1] must be a user id (a non-empty string or a safe integer), null or undefined, got the empty string'],
    [{ kinds, states, assignees: ['k.ivanova', 'a\uD800'] }, /^columns\.assignees\[1\] must be a user id .*, got a string with a lone surrogate$/],
    [{ kinds, states, assignees: ['k.ivanova', 7.5] }, /^columns\.assignees\[1\] must be a user id .*, got the number 7\.5$/],
    [{ kinds, states, assignees: ['k.ivanova', 'x'.repeat(1025)] }, /^columns\.assignees\[1\] must be a user id .*, got a string longer than 1024 characters$/],
    [{ kinds, states, assignees: [{ id: 'k.ivanova' }, null] }, /^columns\.assignees\[0\] must be a user id .*, got an object$/],
    [null, /^columns must be task columns \(a plain object of kinds, states and assignees\), got null$/],
    [[kinds, states, assignees], /^columns must be task columns .*, got an array$/],
    [new (class Columns { constructor() { this.kinds = kinds; this.states = states; this.assignees = assignees; } })(), /^columns must be task columns .*not a plain object/],
    [{ kinds, states, get assignees() { throw new Error('no'); } }, 'reading columns threw: assignees: no'],
    [{ kinds: new Proxy(kinds, { get(t, k) { if (k === '1') throw new Error('trap'); return t[k]; } }), states, assignees }, /^reading columns threw: trap$/],
  ];
  for (const [columns, message] of cases) {
    const got = typeError(() => m.allowedIndicesColumns(columns));
    if (typeof message === 'string') assert.equal(got, message);
    else assert.match(got, message);
  }
  // Inherited columns are not read.
  const inherited = Object.create({ assignees });
  inherited.kinds = kinds;
  inherited.states = states;
  assert.match(typeError(() => m.allowedIndicesColumns(inherited)), /^columns must be task columns .*not a plain object/);
  // Still answers as before.
  assert.deepEqual([...m.allowedIndicesColumns({ kinds, states, assignees })], [0]);
});

test('a hole in a list is refused, never read through Array.prototype (a unit test that failed before)', () => {
  const user = new pkg.Subject('k.ivanova', ['itam_operation_specialist']);
  const m = pkg.taskMatcher(user, 'update');
  const mine = { kind: 'maintenance', state: 'in_progress', assignee: 'k.ivanova' };
  const other = { kind: 'maintenance', state: 'in_progress', assignee: 'other' };
  // eslint-disable-next-line no-sparse-arrays
  const holey = [other, , other];
  try {
    Array.prototype[1] = mine;
    assert.equal(typeError(() => m.allowedIndices(holey)), 'tasks[1] must be a task (a plain object), got a hole (the array has no element there)');
    Array.prototype[1] = 'k.ivanova';
    // eslint-disable-next-line no-sparse-arrays
    const assignees = ['other', , 'other'];
    const columns = { kinds: ['maintenance', 'maintenance', 'maintenance'], states: ['in_progress', 'in_progress', 'in_progress'], assignees };
    assert.equal(typeError(() => m.allowedIndicesColumns(columns)),
      'columns.assignees[1] must be a user id (a non-empty string or a safe integer), null or undefined, got a hole (the array has no element there)');
    Array.prototype[1] = 'itam_admin';
    // eslint-disable-next-line no-sparse-arrays
    assert.match(typeError(() => new pkg.Subject('k', ['itam_agent', , 'itam_agent'])), /^roles must be an array of names \(strings\), got an array whose element 1 is a hole/);
    Array.prototype[1] = 'files_attached';
    // eslint-disable-next-line no-sparse-arrays
    assert.match(typeError(() => pkg.permittedActions(user, mine, ['in_assignment_group', , 'asset_responsible'])), /element 1 is a hole/);
  } finally {
    delete Array.prototype[1];
  }
  // Without the prototype's element, a hole is refused just the same.
  assert.match(typeError(() => m.allowedIndices(holey)), /^tasks\[1\] must be a task .*got a hole/);
  // eslint-disable-next-line no-sparse-arrays
  assert.match(typeError(() => m.allowedIndicesColumns({ kinds: ['maintenance', , 'maintenance'], states: ['in_progress', 'in_progress', 'in_progress'], assignees: [null, null, null] })), /^columns\.kinds\[1\]: .*|^columns\.kinds\[1\] must be .*got a hole/);
  // An array whose own prototype holds elements: only its own are read.
  const custom = [other, undefined, other];
  delete custom[1];
  Object.setPrototypeOf(custom, Object.assign(Object.create(Array.prototype), { 1: mine }));
  assert.match(typeError(() => m.allowedIndices(custom)), /^tasks\[1\] must be a task .*got a hole/);
  // Index keys on Array.prototype change no answer of the single-task exports.
  const before = JSON.stringify([pkg.can(user, 'update', mine), pkg.explain(user, 'update', other), pkg.permittedActions(user, mine)]);
  try {
    for (let i = 0; i < 8; i++) Array.prototype[i] = 'registration';
    assert.equal(JSON.stringify([pkg.can(user, 'update', mine), pkg.explain(user, 'update', other), pkg.permittedActions(user, mine)]), before);
  } finally {
    for (let i = 0; i < 8; i++) delete Array.prototype[i];
  }
  // An explicit undefined assignee is nobody; a hole is not.
  assert.deepEqual([...m.allowedIndicesColumns({ kinds: ['maintenance'], states: ['in_progress'], assignees: [undefined] })], []);
});

test('property: with holes and a polluted Array.prototype, the matchers read own elements only', () => {
  const user = new pkg.Subject('k', ['itam_operation_specialist', 'itam_process_manager']);
  const matchers = n.actions.map((action) => [action, pkg.taskMatcher(user, action)]);
  const task = fc.record({
    kind: fc.constantFrom(...n.taskKinds),
    state: fc.constantFrom(...n.taskStates),
    assignee: fc.constantFrom('k', 'other', null, 7),
  });
  const list = fc.tuple(
    fc.array(fc.tuple(task, fc.boolean()), { maxLength: 30 }),
    fc.nat(40),
    task,
    fc.constantFrom('kinds', 'states', 'assignees', 'objects'),
  );
  fc.assert(fc.property(list, ([items, polluted, planted, where]) => {
    const tasks = items.map(([t]) => t);
    const holes = items.flatMap(([, hole], i) => (hole ? [i] : []));
    const value = { kinds: planted.kind, states: planted.state, assignees: 'k', objects: { ...planted, assignee: 'k' } }[where];
    try {
      Array.prototype[polluted] = value;
      for (const [action, m] of matchers) {
        const want = tasks.flatMap((t, i) => (pkg.can(user, action, t) ? [i] : []));
        const columns = columnsOf(tasks);
        const objects = tasks.slice();
        for (const i of holes) {
          delete columns[where === 'objects' ? 'kinds' : where][i];
          delete objects[i];
        }
        if (holes.length === 0) {
          assert.deepEqual([...m.allowedIndicesColumns(columns)], want);
          assert.deepEqual([...m.allowedIndices(objects)], want);
        } else {
          const first = holes[0];
          const column = where === 'objects' ? 'kinds' : where;
          assert.match(typeError(() => m.allowedIndicesColumns(columns)), new RegExp(`^columns\\.${column}\\[${first}\\]`));
          assert.match(typeError(() => m.allowedIndices(objects)), new RegExp(`^tasks\\[${first}\\] must be a task .*got a hole`));
        }
      }
    } finally {
      delete Array.prototype[polluted];
    }
  }), { numRuns: 300, seed: 20 });
});
