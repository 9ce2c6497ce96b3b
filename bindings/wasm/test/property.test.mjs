// Every export driven with random hostile values (fast-check): wrong types, null,
// undefined, objects with extra, misspelled and inherited keys, empty, ill-formed
// and very long strings, throwing getters and proxies, forged and freed subjects.
// Then the same instance replays the Rust crate's test vectors. What must hold:
// no trap, nothing thrown that is not an Error, no difference from a fresh
// instance (asked the same valid questions all along), and the module's memory
// bounded (no growth from one hostile round to the next).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

// The module's memory, caught as the glue instantiates it (this file runs in its
// own process under `node --test`).
const memories = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function instance(module, imports) {
  const made = new Instance(module, imports);
  memories.push(made.exports.memory);
  return made;
};
const pkg = await import('../pkg/node/index.js');
// A second, fresh instance of the module (its own glue and memory), asked only
// valid questions: the reference.
const fresh = await import('../pkg/node/itam_rbac_wasm.js?fresh');
WebAssembly.Instance = Instance;
const { replay } = await import('./replay.mjs');
const memory = memories[0];

const n = pkg.names();
const big = 'x'.repeat(1 << 20);

// --- Hostile values. -----------------------------------------------------------

const throwing = (object, key) => Object.defineProperty(object, key, { enumerable: true, configurable: true, get() { throw new Error(`getter ${key}`); } });
const strings = fc.oneof(
  fc.constant(''),
  fc.string(),
  fc.string16bits(), // lone surrogates
  fc.fullUnicodeString(),
  fc.constantFrom('a\uD800', '\uDC00', 'a\uFFFD', big, 'x'.repeat(1025), 'x'.repeat(1024)),
  fc.constantFrom(...n.roles, ...n.actions, ...n.taskKinds, ...n.taskStates, ...n.taskEvents, ...n.recordKinds, ...n.recordEvents, ...n.relations, ...n.dialects, ...n.taskFields),
  fc.constantFrom('Update', 'ITAM_AGENT', 'aprove', 'in progress', 'contracts', '__proto__', 'constructor', 'toString'),
);
const numbers = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 7, 2 ** 53, -(2 ** 53), Number.NaN, Infinity, 1.5));
const leaves = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 10n, Symbol('s'), () => 'f', new Date(0), new Map(), /x/),
  numbers,
  strings,
);
const keys = fc.constantFrom(
  'kind', 'state', 'assignee', 'creator', 'createdBySystem', 'submitter', 'hasDocument', 'allApproved',
  'assignedTo', 'assigned_to', 'createdBy', 'submittedBy', 'Kind', 'asignee', 'priority', 'id', 'placeholder', '__proto__',
);
/** `dict`'s keys defined on `target` (no setter runs, `__proto__` included). */
function define(target, dict) {
  for (const key of Object.keys(dict)) {
    Object.defineProperty(target, key, { value: dict[key], enumerable: true, writable: true, configurable: true });
  }
  return target;
}
/** Objects: plain, null-prototype, inheriting, proxies, with getters that throw. */
const objects = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaves, tie('object'), fc.array(tie('value'), { maxLength: 4 })),
  object: fc.tuple(fc.dictionary(keys, tie('value'), { maxKeys: 6 }), fc.nat(6), keys).map(([dict, how, key]) => {
    switch (how) {
      case 0: return define(Object.create(null), dict);
      case 1: return define(Object.create({ [key]: 'inherited' }), dict);
      case 2: return throwing(define({}, dict), key);
      case 3: return new Proxy(dict, { ownKeys() { throw new Error('ownKeys'); } });
      case 4: return Object.defineProperty(define({}, dict), key, { enumerable: false, value: 'hidden', configurable: true });
      case 5: return define(new (class Row {})(), dict);
      default: return dict;
    }
  }),
}));
/** Tasks and records: near-valid objects, most of the time. */
const records = fc.record({
  kind: fc.oneof(fc.constantFrom(...n.taskKinds, ...n.recordKinds), leaves),
  state: fc.oneof(fc.constantFrom(...n.taskStates, ...Object.values(n.recordStates).flat()), leaves),
  assignee: fc.oneof(fc.constantFrom('k', 'u1', 7, null, undefined, ''), leaves),
  creator: fc.oneof(fc.constantFrom('k', 'u1', null, ''), leaves),
  extra: fc.option(fc.tuple(keys, fc.oneof(leaves, objects.value)), { nil: undefined }),
}, { requiredKeys: ['kind', 'state'] }).map(({ extra, ...fields }) => (extra === undefined ? fields : { ...fields, [extra[0]]: extra[1] }));
const lists = fc.array(fc.oneof(strings, leaves, records), { maxLength: 70 });
const anything = fc.oneof(leaves, objects.value, records, lists, records.map((r) => [r, r]));

// Subjects: live ones, freed ones, forged ones, and anything.
const live = new pkg.Subject('k', ['itam_operation_specialist', 'itam_contract_manager']);
const freed = new pkg.Subject('k', ['itam_agent']);
freed.free();
const subjects = fc.oneof(
  fc.constant(live),
  fc.constant(freed),
  fc.constant(Object.create(pkg.Subject.prototype)),
  fc.constant({ __wbg_ptr: 8 }),
  anything,
);

// --- Every export. --------------------------------------------------------------

/** Columns for allowedIndicesColumns: hostile values, or columns of them. */
function columnsFrom(a, b, c) {
  if (!Array.isArray(b) || typeof a === 'object') return a;
  const column = (list, key) => list.map((x) => (x !== null && typeof x === 'object' && key in x ? x[key] : x));
  return { kinds: column(b, 'kind'), states: column(b, 'state'), assignees: Array.isArray(c) ? c : column(b, 'assignee') };
}

const matcher = pkg.taskMatcher(live, 'update');
const recordMatcher = pkg.recordMatcher(live, 'read', 'contract');
const exports = {
  Subject: ([a, b]) => new pkg.Subject(a, b).free(),
  has: ([a]) => live.has(a),
  id: ([s]) => s.id,
  can: ([s, a, b]) => pkg.can(s, a, b),
  explain: ([s, a, b]) => pkg.explain(s, a, b),
  permittedActions: ([s, a, b]) => pkg.permittedActions(s, a, b),
  validateEvent: ([s, a, b, c]) => pkg.validateEvent(s, a, b, c),
  checkEdit: ([s, a, b]) => pkg.checkEdit(s, a, b),
  editableFields: ([, a, b]) => pkg.editableFields(a, b),
  canRecord: ([s, a, b]) => pkg.canRecord(s, a, b),
  checkRecord: ([s, a, b]) => pkg.checkRecord(s, a, b),
  transitionRecord: ([s, a, b]) => pkg.transitionRecord(s, a, b),
  taskFilter: ([s, a]) => pkg.taskFilter(s, a),
  taskFilterSql: ([s, a, b, c]) => pkg.taskFilterSql(s, a, b, c),
  recordFilter: ([s, a, b]) => pkg.recordFilter(s, a, b),
  recordFilterSql: ([s, a, b, c, d]) => pkg.recordFilterSql(s, a, b, c, d),
  taskMatcher: ([s, a]) => pkg.taskMatcher(s, a).free(),
  recordMatcher: ([s, a, b]) => pkg.recordMatcher(s, a, b).free(),
  matches: ([, a]) => matcher.matches(a),
  allowedIndices: ([, a]) => matcher.allowedIndices(a),
  allowedIndicesColumns: ([, a, b, c]) => matcher.allowedIndicesColumns(columnsFrom(a, b, c)),
  recordMatches: ([, a]) => recordMatcher.matches(a),
  recordAllowedIndices: ([, a]) => recordMatcher.allowedIndices(a),
  names: () => pkg.names(),
};
const call = fc.tuple(
  fc.constantFrom(...Object.keys(exports)),
  subjects,
  fc.oneof(strings, anything),
  fc.oneof(records, anything),
  fc.oneof(strings, lists, anything),
  fc.oneof(objects.object, anything),
);

// --- Valid questions, asked of both instances. ----------------------------------

const validTask = fc.record({
  kind: fc.constantFrom(...n.taskKinds),
  state: fc.constantFrom(...n.taskStates),
  assignee: fc.constantFrom('k', 'other', null, 7),
  creator: fc.constantFrom('k', 'other', null),
  submitter: fc.constantFrom('k', 'other', null),
  createdBySystem: fc.boolean(),
});
const freshSubject = new fresh.Subject('k', ['itam_operation_specialist', 'itam_contract_manager']);
const question = fc.tuple(validTask, fc.constantFrom(...n.actions), fc.constantFrom(...n.taskEvents));
function ask(api, subject, [task, action, event]) {
  return JSON.stringify([
    api.explain(subject, action, task),
    api.permittedActions(subject, task, ['in_assignment_group']),
    api.validateEvent(subject, task, event),
    api.checkEdit(subject, task, ['other']),
    api.taskFilterSql(subject, action, 'postgres'),
  ]);
}

// --- The run. ---------------------------------------------------------------------

const outcome = { calls: 0, threw: 0, notError: [], traps: [], differences: [] };
function hostileRound(runs, seed) {
  fc.assert(fc.property(call, question, ([name, ...args], q) => {
    outcome.calls++;
    try {
      exports[name](args);
    } catch (error) {
      outcome.threw++;
      if (!(error instanceof Error)) outcome.notError.push([name, String(error)]);
      else if (error instanceof WebAssembly.RuntimeError || /unreachable|out of bounds|recursive use|null pointer/.test(error.message)) {
        outcome.traps.push([name, error.message]);
      }
    }
    const got = ask(pkg, live, q);
    const want = ask(fresh, freshSubject, q);
    if (got !== want) outcome.differences.push({ name, q, got, want });
    return outcome.notError.length === 0 && outcome.traps.length === 0 && outcome.differences.length === 0;
  }), { numRuns: runs, seed });
}

test('hostile values never trap, throw only Errors, and change no later answer', async (t) => {
  // Fixed seeds, so that a run is repeatable; ITAM_PROPERTY_SEED=<n> tries others.
  const runs = Number(process.env.ITAM_PROPERTY_RUNS ?? 2000);
  const seed = Number(process.env.ITAM_PROPERTY_SEED ?? 20);
  hostileRound(runs, seed);
  const first = memory.buffer.byteLength;
  hostileRound(runs, seed + 1);
  const second = memory.buffer.byteLength;
  hostileRound(runs, seed + 2);
  const third = memory.buffer.byteLength;
  t.diagnostic(`seed ${seed}: ${outcome.calls} hostile calls (${outcome.threw} refused), each followed by 5 valid questions to both instances; module memory ${first} / ${second} / ${third} bytes after each round`);
  assert.deepEqual(outcome.notError, []);
  assert.deepEqual(outcome.traps, []);
  assert.deepEqual(outcome.differences.slice(0, 3), []);
  assert.equal(third, second, 'the module memory grew from one hostile round to the next');
  assert.ok(third <= 4 << 20, `the module memory is ${third} bytes`);

  const { counts, header, decisions, differences } = await replay(pkg);
  assert.deepEqual(counts, header.counts);
  t.diagnostic(`then ${decisions} decisions of the vectors replayed on the same instance: ${differences.length} differences; module memory ${memory.buffer.byteLength} bytes`);
  assert.deepEqual(differences.slice(0, 3), []);
});
