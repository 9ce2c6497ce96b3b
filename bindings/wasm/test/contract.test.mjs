// The input contract and the parity of issue 20, one test a finding: each of these
// failed on the package before the contract (run them against an older build with
// ITAM_PKG=<path of its itam_rbac_wasm.js>).

import assert from 'node:assert/strict';
import { test } from 'node:test';

const pkg = await import(process.env.ITAM_PKG ?? '../pkg/node/index.js');

const roles = ['itam_operation_specialist'];
const specialist = new pkg.Subject('k.ivanova', roles);
const task = { kind: 'maintenance', state: 'in_progress', assignee: 'k.ivanova' };

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

/** A pending relocation waiting for bob's approval: created and sent by alice. */
const pending = { kind: 'relocation', state: 'pending_approval', creator: 'alice', submitter: 'alice' };
const bob = new pkg.Subject('bob', ['itam_process_manager']);

test('a number where a string is expected is a TypeError or an id, never a trap', () => {
  assert.match(typeError(() => pkg.can(specialist, 1, task)), /^action must be an action name \(a string\), got the number 1$/);
  assert.match(typeError(() => new pkg.Subject({ id: 7 }, roles)), /^id must be a user id/);
  // A safe integer is an id: the user whose id is its decimal text.
  const seven = new pkg.Subject(7, roles);
  assert.equal(seven.id, '7');
  assert.equal(pkg.can(seven, 'update', { ...task, assignee: '7' }), true);
  assert.equal(pkg.can(new pkg.Subject('7', roles), 'update', { ...task, assignee: 7 }), true);
  assert.equal(pkg.can(seven, 'update', { ...task, assignee: '07' }), false);
  assert.match(typeError(() => pkg.can(seven, 'update', { ...task, assignee: 7.5 })), /got the number 7\.5$/);
  assert.match(typeError(() => pkg.can(seven, 'update', { ...task, assignee: 2 ** 53 })), /got the number 9007199254740992$/);
  assert.match(typeError(() => pkg.can(seven, 'update', { ...task, assignee: Number.NaN })), /got the number NaN$/);
});

test('five wrong calls in a row leave the instance answering as before', () => {
  const tasks = [];
  for (const kind of pkg.names().taskKinds) {
    for (const state of pkg.names().taskStates) {
      for (const assignee of [null, 'k.ivanova', 'other']) tasks.push({ kind, state, assignee });
    }
  }
  const answers = () => tasks.flatMap((t) => [
    pkg.can(specialist, 'update', t),
    JSON.stringify(pkg.permittedActions(specialist, t)),
    JSON.stringify(pkg.validateEvent(specialist, t, 'complete')),
  ]);
  const before = answers();
  for (let i = 0; i < 5; i++) typeError(() => pkg.can(specialist, null, task));
  for (let i = 0; i < 5; i++) typeError(() => pkg.can(null, 'update', task));
  for (let i = 0; i < 5; i++) typeError(() => pkg.validateEvent(specialist, task, 7));
  assert.deepEqual(answers(), before);
});

test('unknown keys are refused with the nearest known key, never dropped', () => {
  assert.equal(typeError(() => pkg.can(specialist, 'update', { ...task, assignee: undefined, assignedTo: 'bob' })),
    'task has an unknown key "assignedTo" (did you mean "assignee"?)');
  assert.equal(typeError(() => pkg.validateEvent(bob, { ...pending, assigned_to: 'bob' }, 'approve')),
    'task has an unknown key "assigned_to" (did you mean "assignee"?)');
  assert.equal(typeError(() => pkg.transitionRecord(bob, { kind: 'contract', state: 'approval', creator: 'a', submitter: 'a', assignedTo: 'bob' }, 'approve')),
    'record has an unknown key "assignedTo" (did you mean "assignee"?)');
  assert.equal(typeError(() => pkg.taskFilterSql(specialist, 'update', 'sqlite', { assignee: 't.a' })),
    'columns has an unknown key "assignee" (did you mean "assignedTo"?)');
  // Written `assignee`, four eyes refuses bob.
  assert.equal(pkg.validateEvent(bob, { ...pending, assignee: 'bob' }, 'approve').allowed, false);
});

test('inherited properties are not read', () => {
  const polluted = ['assignee', 'createdBySystem', 'submitter', 'creator'];
  try {
    Object.prototype.assignee = 'k.ivanova';
    Object.prototype.createdBySystem = true;
    Object.prototype.submitter = 'alice';
    assert.equal(pkg.can(specialist, 'update', { kind: 'maintenance', state: 'in_progress' }), false);
    const unknownCreator = { kind: 'relocation', state: 'pending_approval' };
    assert.equal(pkg.validateEvent(bob, unknownCreator, 'approve').reason, pkg.validateEvent(bob, Object.assign(Object.create(null), unknownCreator), 'approve').reason);
    assert.equal(pkg.validateEvent(bob, unknownCreator, 'approve').allowed, false);
    assert.equal(pkg.checkRecord(bob, 'update', { kind: 'contract', state: 'draft' }).allowed,
      pkg.checkRecord(bob, 'update', Object.assign(Object.create(null), { kind: 'contract', state: 'draft' })).allowed);
    assert.equal(pkg.transitionRecord(new pkg.Subject('x', ['itam_contract_approver']), { kind: 'contract', state: 'approval', hasDocument: true }, 'approve').allowed, false);
  } finally {
    for (const key of polluted) delete Object.prototype[key];
  }
  // A class instance is not a plain object: its getters would be inherited.
  class Row { get kind() { return 'maintenance'; } get state() { return 'in_progress'; } }
  assert.match(typeError(() => pkg.can(specialist, 'read', new Row())), /^task must be a task \(a plain object\), got an object with a prototype/);
});

test("'' is not a person", () => {
  const anonymous = { kind: 'relocation', state: 'pending_approval', creator: '', submitter: '' };
  assert.match(typeError(() => pkg.validateEvent(bob, anonymous, 'approve')), /^task\.creator must be a user id .*got the empty string$/);
  assert.match(typeError(() => pkg.transitionRecord(bob, { kind: 'contract', state: 'approval', creator: '', submitter: '' }, 'approve')), /^record\.creator must be/);
  assert.match(typeError(() => new pkg.Subject('', roles)), /^id must be a user id/);
});

test('an id with a lone surrogate is refused wherever it is given', () => {
  assert.match(typeError(() => new pkg.Subject('a\uD800', roles)), /^id must be a user id .*lone surrogate$/);
  assert.match(typeError(() => pkg.can(specialist, 'update', { ...task, assignee: 'a\uDBFF' })), /^task\.assignee must be .*lone surrogate$/);
  assert.match(typeError(() => pkg.can(specialist, 'update', { ...task, assignee: '\uDC00x' })), /lone surrogate$/);
  // A well-formed pair and a real U+FFFD are ids like any other.
  assert.equal(pkg.can(new pkg.Subject('a\uD83D\uDE00', roles), 'update', { ...task, assignee: 'a\uD83D\uDE00' }), true);
  assert.equal(pkg.can(new pkg.Subject('a\uFFFD', roles), 'update', { ...task, assignee: 'a\uFFFD' }), true);
});

test('a throwing getter with a 1 MiB id leaks nothing and leaves the subject free-able', () => {
  const big = 'x'.repeat(1 << 20);
  const user = new pkg.Subject('k.ivanova', roles);
  const hostile = { kind: 'maintenance', state: 'in_progress', assignee: big, get creator() { throw new Error('boom'); } };
  const before = process.memoryUsage();
  for (let i = 0; i < 200; i++) {
    assert.match(typeError(() => pkg.permittedActions(user, hostile)), /boom|assignee/);
    assert.match(typeError(() => pkg.can(user, 'update', { ...task, assignee: big })), /longer than 1024/);
  }
  const after = process.memoryUsage();
  // The module's memory is in `external`/`arrayBuffers`: it did not grow by the
  // 200 MiB the ids add up to (before: +202 MiB).
  assert.ok(after.arrayBuffers - before.arrayBuffers < 16 << 20, `${after.arrayBuffers - before.arrayBuffers} bytes more`);
  user.free();
  user.free();
  assert.match(typeError(() => pkg.can(user, 'read', task)), /^subject was freed/);
});

test('checkEdit guards an edit with the code, and editableFields says what a form may edit', () => {
  const manager = new pkg.Subject('m', ['itam_process_manager']);
  const waiting = { kind: 'relocation', state: 'pending_approval' };
  assert.deepEqual(pkg.checkEdit(manager, waiting, ['priority']), { allowed: true });
  const denied = pkg.checkEdit(manager, waiting, ['other']);
  assert.equal(denied.allowed, false);
  assert.equal(denied.code, 42);
  assert.equal(denied.reason, 'fields_read_only');
  assert.equal(denied.message, 'update on relocation denied: the fields are read-only in this state');
  assert.deepEqual(pkg.editableFields('relocation', 'pending_approval'), ['priority', 'assignment_group']);
  assert.deepEqual(pkg.editableFields('relocation', 'in_progress'), ['priority', 'assignment_group', 'other']);
  assert.deepEqual(pkg.names().taskFields, ['priority', 'assignment_group', 'other']);
  assert.match(typeError(() => pkg.checkEdit(manager, waiting, ['title'])), /^fields must be an array of task field names/);
  // permittedActions offers update on a pending task; the guard says which fields.
  assert.ok(pkg.permittedActions(manager, waiting).actions.includes('update'));
});

test('matchers answer as can, one task at a time and over an array', () => {
  const n = pkg.names();
  const tasks = [];
  for (const kind of n.taskKinds) {
    for (const state of n.taskStates) {
      for (const assignee of [undefined, null, 'k.ivanova', 'other', 7]) tasks.push(assignee === undefined ? { kind, state } : { kind, state, assignee });
    }
  }
  tasks.push({ kind: 'maintenance', state: 'in_progress', assignee: 'k.ivanova', creator: 'c', createdBySystem: false });
  for (const action of n.actions) {
    const matcher = pkg.taskMatcher(specialist, action);
    const expected = tasks.flatMap((t, i) => (pkg.can(specialist, action, t) ? [i] : []));
    assert.deepEqual([...matcher.allowedIndices(tasks)], expected, action);
    assert.deepEqual(tasks.flatMap((t, i) => (matcher.matches(t) ? [i] : [])), expected, action);
    matcher.free();
  }
  const matcher = pkg.taskMatcher(specialist, 'update');
  assert.equal(typeError(() => matcher.allowedIndices([task, { ...task, assignee: '' }])),
    'tasks[1].assignee must be a user id (a non-empty string or a safe integer), null or undefined, got the empty string');
  assert.equal(typeError(() => matcher.allowedIndices([task, { ...task, assignedTo: 'x' }])),
    'tasks[1] has an unknown key "assignedTo" (did you mean "assignee"?)');
  assert.match(typeError(() => matcher.allowedIndices('tasks')), /^tasks must be an array of tasks, got the string/);
  assert.ok(matcher.allowedIndices([]) instanceof Uint32Array);
  const records = [
    { kind: 'contract', state: 'draft', creator: 'k.ivanova' },
    { kind: 'contract', state: 'valid' },
    { kind: 'demand', state: 'registered' },
  ];
  const contracts = pkg.recordMatcher(specialist, 'read', 'contract');
  assert.deepEqual([...contracts.allowedIndices(records)], records.flatMap((r, i) => (r.kind === 'contract' && pkg.canRecord(specialist, 'read', r) ? [i] : [])));
});

test('the SQL comes with what to bind, for every user', () => {
  const agent = new pkg.Subject('u1', ['itam_agent']);
  const none = pkg.taskFilterSql(agent, 'read', 'sqlite');
  assert.deepEqual(Object.keys(none), ['sql', 'params']);
  assert.ok(!none.sql.includes('?1') || none.params.length === 1, JSON.stringify(none));
  const mine = pkg.taskFilterSql(specialist, 'update', 'postgres');
  assert.ok(mine.sql.includes('$1'));
  assert.deepEqual(mine.params, ['k.ivanova']);
  assert.deepEqual(pkg.taskFilterSql(specialist, 'update', 'postgres', { placeholder: '$3' }).params, ['k.ivanova']);
  for (const hostile of ['kind IS NOT NULL OR kind', 'a;b', 'a b', "a'", 'a--', '']) {
    assert.match(typeError(() => pkg.taskFilterSql(specialist, 'update', 'sqlite', { kind: hostile })), /^columns\.kind/);
  }
  // A table of one record kind: no kind column.
  assert.ok(!pkg.recordFilterSql(specialist, 'read', 'contract', 'sqlite', { kind: null }).sql.includes('kind'));
  assert.ok(pkg.recordFilterSql(specialist, 'read', 'contract', 'sqlite').sql.includes("kind COLLATE BINARY = 'contract'"));
});

test('every error is a TypeError naming the argument', () => {
  const cases = [
    [() => pkg.can(specialist, 'update', null), /^task must be a task \(a plain object\), got null$/],
    [() => pkg.can(specialist, 'update', []), /^task must be a task \(a plain object\), got an array$/],
    [() => pkg.can(specialist, 'update', 'task'), /^task must be a task/],
    [() => pkg.explain(specialist, 'edit', task), /^action: unknown action name "edit"/],
    [() => pkg.validateEvent(specialist, task, 'finish'), /^event: unknown task event name "finish"/],
    [() => pkg.checkRecord(specialist, 'read', { kind: 'contract', state: 'in_progress' }), /^record\.state: unknown contract state name/],
    [() => pkg.recordFilter(specialist, 'read', 'contracts'), /^kind: unknown record kind name "contracts" \(did you mean "contract"\?\)$/],
    [() => pkg.permittedActions(specialist, task, "files_attached"), /^relations must be an array of names \(strings\), got the string "files_attached"$/],
    [() => pkg.can({}, 'read', task), /^subject must be a Subject \(new Subject\(id, roles\)\), got an object$/],
    [() => pkg.taskMatcher(specialist, 'update').matches.call({}, task), /^this must be a TaskMatcher, got an object$/],
    [() => specialist.has(7), /^role must be a role name \(a string\), got the number 7$/],
    [() => new pkg.Subject('x', new Array(65).fill('itam_agent')), /^roles has more than 64 elements$/],
    [() => pkg.can(specialist, 'update', { get kind() { throw Symbol('s'); } }), /^reading task threw: kind: a symbol$/],
    [() => pkg.can(specialist, 'update', new Proxy({}, { ownKeys() { throw 5; } })), /^reading task threw: 5$/],
  ];
  for (const [f, message] of cases) assert.match(typeError(f), message);
});

test('a getter that calls the package again does not change what the outer call read', () => {
  const other = { kind: 'inventory', state: 'completed', assignee: 'someone' };
  // `assignee` is read before `kind`, whose getter asks the package about another task.
  const task = {
    assignee: 'k.ivanova',
    get kind() { pkg.can(specialist, 'read', other); return 'maintenance'; },
    state: 'in_progress',
  };
  assert.equal(pkg.can(specialist, 'update', task), true);
  const matcher = pkg.taskMatcher(specialist, 'update');
  const inner = [other, other];
  const list = [task, { kind: 'maintenance', state: 'in_progress', assignee: 'k.ivanova', get creator() { matcher.allowedIndices(inner); return 'c'; } }];
  assert.deepEqual([...matcher.allowedIndices(list)], [0, 1]);
});
