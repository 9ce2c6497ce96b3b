// The package against @cedar-policy/cedar-wasm on the same decisions, through the
// JavaScript boundary, after checking that both decide every one alike.
//
//   node bench/bench.mjs            # the full run (README figures)
//   node bench/bench.mjs --quick    # a short run (.ci/run)
//   node bench/bench.mjs --baseline <pkg dir of an older build>
//                                   # also that build's `can`, interleaved (the
//                                   # cost of the input contract: issue 20)
//
// Then the batch matchers over 100,000 tasks: `allowedIndicesColumns` (columns
// of names, and of Uint8Array indices) and `allowedIndices` (task objects),
// against `can` a row.
//
// The requests are the peers' (benches/peers/src/requests.rs): the same fixed-seed
// splitmix64 generator, so the same 10,000 requests. The Cedar policy and entity
// shape are the peers' transcription (benches/peers/src/cedar_peer.rs, spec.rs),
// read from those files so they are written once. Cedar is asked through its
// fastest call: `statefulIsAuthorized` with the policy set parsed once
// (`preparsePolicySet`), each request passing only the entities it needs (the user,
// the roles it holds through inclusion, the task), built before the timing starts.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import * as pkg from '../pkg/node/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const quick = process.argv.includes('--quick');
const baselineAt = process.argv.indexOf('--baseline');
const baseline = baselineAt < 0 ? null : await import(`${process.argv[baselineAt + 1]}/node/itam_rbac_wasm.js`);

// --- The peers' transcription, read from its Rust sources. ----------------------

const cedarSource = readFileSync(`${root}benches/peers/src/cedar_peer.rs`, 'utf8');
const POLICIES = cedarSource.match(/const POLICIES: &str = r#"([\s\S]*?)"#;/)[1];
const specSource = readFileSync(`${root}benches/peers/src/spec.rs`, 'utf8');
const includesText = specSource.match(/pub const INCLUDES[^=]*= &\[([\s\S]*?)\n\];/)[1];
const INCLUDES = [...includesText.matchAll(/\(\s*"([a-z_]+)",\s*&\[([^\]]*)\],?\s*\)/g)].map(
  ([, role, parents]) => [role, [...parents.matchAll(/"([a-z_]+)"/g)].map((m) => m[1])],
);
if (INCLUDES.length !== pkg.names().roles.length) {
  throw new Error(`read ${INCLUDES.length} roles from spec.rs, the package has ${pkg.names().roles.length}`);
}

// --- The peers' request set (benches/peers/src/requests.rs). -------------------

const COUNT = 10_000;
const SEED = 0x1743_2024_0005_0001n;
const MASK = (1n << 64n) - 1n;
class SplitMix64 {
  constructor(seed) { this.state = seed; }
  next() {
    this.state = (this.state + 0x9E3779B97F4A7C15n) & MASK;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
    return z ^ (z >> 31n);
  }
  below(n) { return Number(this.next() % BigInt(n)); }
  percent(p) { return this.next() % 100n < BigInt(p); }
  pick(items) { return items[this.below(items.length)]; }
}

const names = pkg.names();
const RELEVANT = ['itam_agent', 'itam_responsible', 'itam_operation_specialist', 'itam_process_manager', 'itam_contract_manager'];

function generate() {
  const rng = new SplitMix64(SEED);
  const requests = [];
  for (let user = 0; user < COUNT; user++) {
    const granted = [];
    if (!rng.percent(8)) {
      const n = rng.below(3);
      for (let i = 0; i <= n; i++) {
        const role = rng.percent(80) ? rng.pick(RELEVANT) : rng.pick(names.roles);
        if (!granted.includes(role)) granted.push(role);
      }
    }
    const a = rng.below(100);
    const action = a <= 19 ? 'read' : a <= 39 ? 'create' : a <= 84 ? 'update' : 'delete';
    const k = rng.below(4);
    const kind = k === 0 ? 'inventory' : k === 1 ? 'change_of_responsible' : rng.pick(names.taskKinds);
    const state = rng.percent(30) ? 'completed' : rng.pick(names.taskStates);
    const w = rng.below(100);
    const assignee = w <= 44 ? user : w <= 89 ? (user + 1 + rng.below(COUNT - 1)) % COUNT : null;
    requests.push({ user, granted, action, kind, state, assignee });
  }
  return requests;
}

// --- Both sides' inputs, built before any timing. ------------------------------

const requests = generate();
const userId = (n) => `u${n}`;

const ours = requests.map((r) => ({
  subject: new pkg.Subject(userId(r.user), r.granted),
  action: r.action,
  task: { kind: r.kind, state: r.state, assignee: r.assignee === null ? null : userId(r.assignee) },
}));

// Each request passes only the role entities it needs: the user's granted roles and
// every role they include (Cedar closes the hierarchy over what it is given). The
// whole role table each time would make Cedar several times slower.
const parentsOf = new Map(INCLUDES);
const roleEntity = (role) => ({
  uid: { type: 'Role', id: role },
  attrs: {},
  parents: parentsOf.get(role).map((id) => ({ type: 'Role', id })),
});
function reachable(granted) {
  const seen = new Set();
  const stack = [...granted];
  while (stack.length > 0) {
    const role = stack.pop();
    if (!seen.has(role)) {
      seen.add(role);
      stack.push(...parentsOf.get(role));
    }
  }
  return [...seen];
}
const preparsed = cedar.preparsePolicySet('itam', { staticPolicies: POLICIES });
if (preparsed.type !== 'success') throw new Error(`Cedar refused the policy: ${JSON.stringify(preparsed)}`);
const theirs = requests.map((r, i) => {
  const attrs = { kind: r.kind, state: r.state };
  if (r.assignee !== null) attrs.assignee = { __entity: { type: 'User', id: userId(r.assignee) } };
  return {
    principal: { type: 'User', id: userId(r.user) },
    action: { type: 'Action', id: r.action },
    resource: { type: 'Task', id: `t${i}` },
    context: {},
    preparsedPolicySetId: 'itam',
    entities: [
      ...reachable(r.granted).map(roleEntity),
      { uid: { type: 'User', id: userId(r.user) }, attrs: {}, parents: r.granted.map((id) => ({ type: 'Role', id })) },
      { uid: { type: 'Task', id: `t${i}` }, attrs, parents: [] },
    ],
  };
});

const decideOurs = (i) => pkg.can(ours[i].subject, ours[i].action, ours[i].task);
const before = baseline === null ? null : ours.map(({ subject, action, task }) => ({ subject: new baseline.Subject(subject.id, subject.granted), action, task }));
const decideBefore = (i) => baseline.can(before[i].subject, before[i].action, before[i].task);
function decideCedar(i) {
  const answer = cedar.statefulIsAuthorized(theirs[i]);
  if (answer.type !== 'success') throw new Error(`Cedar failed on request ${i}: ${JSON.stringify(answer)}`);
  if (answer.response.diagnostics.errors.length > 0) {
    throw new Error(`Cedar errors on request ${i}: ${JSON.stringify(answer.response.diagnostics.errors)}`);
  }
  return answer.response.decision === 'allow';
}

// --- Agreement first. ----------------------------------------------------------

let allowed = 0;
const disagreements = [];
for (let i = 0; i < COUNT; i++) {
  const a = decideOurs(i);
  const b = decideCedar(i);
  if (a) allowed++;
  if (a !== b) disagreements.push({ i, request: requests[i], package: a, cedar: b });
}
console.log(`agreement: ${COUNT} requests, ${allowed} allowed, ${disagreements.length} disagreements`);
if (disagreements.length > 0) {
  console.log(JSON.stringify(disagreements.slice(0, 10), null, 2));
  process.exit(1);
}

// --- Timing: interleaved rounds, the median of each side's ns per decision. -----

function pass(decide, n) {
  let count = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (decide(i)) count++;
  const ns = Number(process.hrtime.bigint() - start);
  if (count < 0) throw new Error('unreachable');
  return ns / n;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rounds = quick ? 3 : 9;
const cedarN = quick ? 1_000 : COUNT;
const oursRepeat = quick ? 5 : 20;
const oursTimes = [];
const beforeTimes = [];
const cedarTimes = [];
pass(decideOurs, COUNT); // warm-up
if (baseline !== null) pass(decideBefore, COUNT);
pass(decideCedar, Math.min(cedarN, 1_000));
for (let round = 0; round < rounds; round++) {
  let t = 0;
  let u = 0;
  for (let r = 0; r < oursRepeat; r++) {
    t += pass(decideOurs, COUNT);
    if (baseline !== null) u += pass(decideBefore, COUNT);
  }
  oursTimes.push(t / oursRepeat);
  beforeTimes.push(u / oursRepeat);
  cedarTimes.push(pass(decideCedar, cedarN));
}
const a = median(oursTimes);
const b = median(cedarTimes);
console.log(`itam-rbac-wasm can:      ${a.toFixed(0)} ns per decision`);
if (baseline !== null) {
  const c = median(beforeTimes);
  console.log(`the baseline build's can: ${c.toFixed(0)} ns per decision (this build / baseline: ${(a / c).toFixed(2)})`);
}
console.log(`cedar-wasm ${cedar.getCedarVersion()} statefulIsAuthorized: ${b.toFixed(0)} ns per decision`);
console.log(`ratio: ${(b / a).toFixed(0)}x (${rounds} rounds, node ${process.version}${quick ? ', quick' : ''})`);

// --- The batch matchers: 100,000 tasks in one call, against `can` a row. --------
//
// The same tasks three ways: as columns of names (`allowedIndicesColumns`, the fast
// path), as columns whose kinds and states are Uint8Arrays of indices, and as an
// array of task objects (`allowedIndices`). Each is a new JSON text parsed, as a
// front end receives its list.

const TASKS = 100_000;
const listUser = ours[0].subject;
const list = JSON.parse(JSON.stringify(Array.from({ length: TASKS }, (_, i) => ours[i % COUNT].task)));
const columns = JSON.parse(JSON.stringify({
  kinds: list.map((t) => t.kind),
  states: list.map((t) => t.state),
  assignees: list.map((t) => t.assignee),
}));
const indexed = {
  kinds: Uint8Array.from(list, (t) => names.taskKinds.indexOf(t.kind)),
  states: Uint8Array.from(list, (t) => names.taskStates.indexOf(t.state)),
  assignees: columns.assignees,
};
const matcher = pkg.taskMatcher(listUser, 'update');
const expected = list.flatMap((task, i) => (pkg.can(listUser, 'update', task) ? [i] : []));
const same = (got) => got.length === expected.length && got.every((index, i) => index === expected[i]);
if (!same(matcher.allowedIndices(list)) || !same(matcher.allowedIndicesColumns(columns)) || !same(matcher.allowedIndicesColumns(indexed))) {
  throw new Error('the batch matchers and can disagree');
}
const batchRounds = quick ? 5 : 15;
// Each call timed by the wall clock and by the process's CPU time
// (`process.cpuUsage`, user + system): on a shared machine the wall clock also
// counts the time the process waited for a core.
const times = { columns: [], indexed: [], objects: [], row: [] };
const cpu = { columns: [], indexed: [], objects: [], row: [] };
const timed = (name, f) => {
  const before = process.cpuUsage();
  const start = process.hrtime.bigint();
  f();
  times[name].push(Number(process.hrtime.bigint() - start) / TASKS);
  const used = process.cpuUsage(before);
  cpu[name].push(((used.user + used.system) * 1000) / TASKS);
};
for (let round = 0; round < batchRounds; round++) {
  timed('columns', () => matcher.allowedIndicesColumns(columns));
  timed('indexed', () => matcher.allowedIndicesColumns(indexed));
  timed('objects', () => matcher.allowedIndices(list));
  timed('row', () => {
    let count = 0;
    for (let i = 0; i < TASKS; i++) if (pkg.can(listUser, 'update', list[i])) count++;
    if (count !== expected.length) throw new Error('unreachable');
  });
}
const shown = (name) => `${median(times[name]).toFixed(1).padStart(7)} wall (best ${Math.min(...times[name]).toFixed(1)}), ${median(cpu[name]).toFixed(1)} CPU`;
console.log(`batch over ${TASKS} tasks (${expected.length} allowed), ns per task, median of ${batchRounds} rounds:`);
console.log(`  allowedIndicesColumns, names:              ${shown('columns')}  (the aim: under 50)`);
console.log(`  allowedIndicesColumns, Uint8Array indices: ${shown('indexed')}`);
console.log(`  allowedIndices, task objects:              ${shown('objects')}`);
console.log(`  can, a row:                                ${shown('row')}`);
