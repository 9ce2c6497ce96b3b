// The package's surface beyond the replayed decisions: what it refuses and how,
// that the TypeScript declarations name exactly the crate's vocabularies, and the
// size of the .wasm.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import * as pkg from '../pkg/node/index.js';

const here = (path) => new URL(path, import.meta.url);
const specialist = new pkg.Subject('k.ivanova', ['itam_operation_specialist']);
const task = { kind: 'maintenance', state: 'in_progress', assignee: 'k.ivanova' };

/** The message of the TypeError `f` throws (it must throw a TypeError). */
function thrown(f) {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof TypeError, `threw ${error?.constructor?.name ?? typeof error}, not a TypeError`);
    return error.message;
  }
  assert.fail('did not throw');
}

test('a subject is built from role names and closed under inclusion', () => {
  const buyer = new pkg.Subject('b.volkov', ['itam_purchase_manager']);
  assert.equal(buyer.id, 'b.volkov');
  assert.deepEqual(buyer.granted, ['itam_purchase_manager']);
  assert.deepEqual(buyer.effective, ['itam_agent', 'itam_purchase_agent', 'itam_purchase_manager', 'itam_demand_agent', 'fiscal_period_agent', 'cost_center_agent']);
  assert.equal(buyer.has('itam_demand_agent'), true);
  assert.equal(buyer.has('itam_purchase_approver'), false);
  assert.equal(thrown(() => buyer.has('itam_purchase_aprover')), 'role: unknown role name "itam_purchase_aprover" (did you mean "itam_purchase_approver"?)');
  buyer.free();
});

test('role lists that are not arrays of strings are refused, never read as a partial grant', () => {
  assert.equal(thrown(() => new pkg.Subject('x', 'itam_agent')), 'roles must be an array of names (strings), got the string "itam_agent"');
  assert.equal(thrown(() => new pkg.Subject('x', ['itam_agent', 7])), 'roles must be an array of names (strings), got an array whose element 1 is the number 7');
  assert.equal(thrown(() => new pkg.Subject('x', undefined)), 'roles must be an array of names (strings), got undefined');
});

test('a field of the wrong type is an error, not a default', () => {
  assert.equal(thrown(() => pkg.can(specialist, 'update', { ...task, assignee: 7.5 })), 'task.assignee must be a user id (a non-empty string or a safe integer), null or undefined, got the number 7.5');
  assert.equal(thrown(() => pkg.can(specialist, 'update', { ...task, kind: undefined })), 'task.kind must be a task kind (a string), got undefined');
  assert.equal(thrown(() => pkg.validateEvent(specialist, { ...task, createdBySystem: 'yes' }, 'approve')), 'task.createdBySystem must be a boolean, null or undefined, got the string "yes"');
  assert.equal(thrown(() => pkg.validateEvent(specialist, { ...task, creator: true }, 'approve')), 'task.creator must be a user id (a non-empty string or a safe integer), null or undefined, got true');
  assert.equal(thrown(() => pkg.checkRecord(specialist, 'read', { kind: 'contract', state: 'draft', hasDocument: 1 })), 'record.hasDocument must be a boolean, null or undefined, got the number 1');
  assert.equal(thrown(() => pkg.taskFilterSql(specialist, 'update', 'sqlite', { assignedTo: 5 })), 'columns.assignedTo must be a column name (a non-empty string), null or undefined, got the number 5');
  assert.match(thrown(() => pkg.taskFilterSql(specialist, 'update', 'sqlite', { kind: 'kind IS NOT NULL OR kind' })), /^columns\.kind: column kind refused: /);
  // null and undefined are nobody, not an error.
  assert.equal(pkg.can(specialist, 'update', { ...task, assignee: null }), false);
  assert.equal(pkg.can(specialist, 'update', { kind: 'maintenance', state: 'in_progress' }), false);
});

test('unknown names are errors with the crate\'s text and suggestion', () => {
  assert.equal(thrown(() => pkg.can(specialist, 'Update', task)), 'action: unknown action name "Update" (did you mean "update"?)');
  assert.equal(thrown(() => pkg.checkRecord(specialist, 'read', { kind: 'contract', state: 'in_progress' })), 'record.state: unknown contract state name "in_progress"');
  assert.equal(thrown(() => pkg.taskFilterSql(specialist, 'update', 'postgresql')), 'dialect: unknown dialect name "postgresql" (did you mean "postgres"?)');
  assert.equal(thrown(() => pkg.recordFilter(specialist, 'aprove', 'contract')), 'operation: unknown action or record event name "aprove" (did you mean "approve"?)');
  assert.equal(thrown(() => pkg.permittedActions(specialist, task, ['assigned'])), 'relations must be an array of relation names (in_assignment_group, asset_responsible, added_approver, committee_member, files_attached, all_approved), got the string "assigned"');
  assert.equal(thrown(() => pkg.permittedActions(specialist, task, ['asset_responsible', 'asset_responsible'])), 'relations names "asset_responsible" twice');
});

test('relations and columns are optional', () => {
  assert.deepEqual(pkg.permittedActions(specialist, task), pkg.permittedActions(specialist, task, []));
  assert.deepEqual(pkg.permittedActions(specialist, task, null), pkg.permittedActions(specialist, task, []));
  const { sql, params } = pkg.taskFilterSql(specialist, 'update', 'sqlite', { kind: 't.kind', state: 't.state', assignedTo: 't.assignee_id' });
  assert.ok(sql.includes("t.kind COLLATE BINARY = 'inventory'") && sql.includes('AND t.assignee_id COLLATE BINARY = ?1'), sql);
  assert.deepEqual(params, ['k.ivanova']);
  const mysql = pkg.taskFilterSql(specialist, 'update', 'mysql');
  assert.ok(mysql.sql.endsWith('AND assigned_to = ?))'), mysql.sql);
  assert.deepEqual(mysql.params, ['k.ivanova']);
});

test('explain gives the decision record\'s fields', () => {
  const record = pkg.explain(specialist, 'update', { ...task, assignee: 'someone-else' });
  assert.deepEqual(Object.keys(record), ['allowed', 'code', 'reason', 'message', 'domain', 'action', 'kind', 'state', 'roles', 'policy']);
  assert.equal(record.policy.revision, 2);
  assert.match(record.policy.fingerprint, /^0x[0-9a-f]{16}$/);
  assert.equal(record.allowed, false);
  assert.equal(record.code, 13);
  assert.equal(record.reason, 'not_assigned_user');
  assert.deepEqual(record.roles, ['itam_operation_specialist']);
});

/** The `export type Name = "a" | "b";` unions of a declaration file. */
function unions(dts) {
  const found = {};
  for (const [, name, body] of dts.matchAll(/export type (\w+) =([^;]*);/g)) {
    // A union of string literals only.
    if (body.replace(/"[a-z_]+"/g, '').replace(/[\s|]/g, '') === '') {
      found[name] = [...body.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    }
  }
  return found;
}

for (const build of ['node', 'web']) {
  test(`the ${build} declarations name exactly the crate's vocabularies`, () => {
    const dts = readFileSync(here(`../pkg/${build}/itam_rbac_wasm.d.ts`), 'utf8');
    const n = pkg.names();
    const expected = {
      Role: n.roles,
      Action: n.actions,
      TaskKind: n.taskKinds,
      TaskState: n.taskStates,
      TaskEvent: n.taskEvents,
      TaskField: n.taskFields,
      Relation: n.relations,
      RecordKind: n.recordKinds,
      RecordEvent: n.recordEvents,
      ContractState: n.recordStates.contract,
      PurchaseState: n.recordStates.purchase_request,
      DemandState: n.recordStates.demand,
      BudgetState: n.recordStates.functional_budget,
      CostItemState: n.recordStates.actual_cost_item,
      NomenclatureState: n.recordStates.nomenclature,
      AssetStatus: n.recordStates.asset,
      AllowReason: n.allowReasons,
      DenyReason: n.denyReasons,
      PersonClause: n.personClauses,
      Dialect: n.dialects,
    };
    assert.deepEqual(unions(dts), expected);
    // Every record kind's state union is in RecordInput, under its kind.
    for (const [type, kind] of [['ContractState', 'contract'], ['PurchaseState', 'purchase_request'], ['DemandState', 'demand'], ['BudgetState', 'functional_budget'], ['CostItemState', 'actual_cost_item'], ['NomenclatureState', 'nomenclature'], ['AssetStatus', 'asset']]) {
      assert.ok(dts.includes(`{ kind: "${kind}"; state: ${type} }`), `RecordInput has no ${kind}`);
    }
    // Every exported function and class is declared, and nothing else.
    const declared = [...dts.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1])
      .filter((name) => !['initSync', '__wbg_init'].includes(name)).sort();
    const exported = Object.keys(pkg).filter((name) => typeof pkg[name] === 'function').sort();
    assert.deepEqual(declared, exported);
  });
}

for (const target of ['es2020', 'es2022', 'esnext']) {
  test(`the declarations type-check under target ${target} with skipLibCheck false, and reject a wrong name (tsc --noEmit)`, (t) => {
    const tsc = here('../node_modules/typescript/bin/tsc');
    if (!existsSync(tsc)) {
      if (process.env.CI) assert.fail('CI is set and TypeScript is not installed (npm ci)');
      t.skip('TypeScript is not installed here (npm ci)');
      return;
    }
    const project = here('./types/tsconfig.json').pathname;
    // The target's own lib (and the DOM), nothing added: `Symbol.dispose` is in
    // the lib of esnext only, where `using` must then work too.
    const args = [tsc.pathname, '--noEmit', '-p', project, '--target', target, '--lib', `${target},dom`];
    try {
      execFileSync(process.execPath, args, { stdio: 'pipe' });
      if (target === 'esnext') {
        execFileSync(process.execPath, [tsc.pathname, '-p', here('./types/tsconfig.dispose.json').pathname], { stdio: 'pipe' });
      }
    } catch (error) {
      assert.fail(`tsc failed under ${target}:\n${error.stdout}${error.stderr}`);
    }
  });
}

test('the .wasm is at most 100 KiB gzipped', (t) => {
  for (const build of ['node', 'web']) {
    const bytes = readFileSync(here(`../pkg/${build}/itam_rbac_wasm_bg.wasm`));
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    t.diagnostic(`${build}: ${bytes.length} bytes, ${gzipped} gzipped (-9)`);
    assert.ok(gzipped <= 100 * 1024, `${gzipped} bytes gzipped`);
  }
});

test("the README's Node example runs, and its commented answers are the package's", async () => {
  const readme = readFileSync(here('../README.md'), 'utf8');
  const example = readme.split('## In Node')[1].match(/```js\n([\s\S]*?)```/)[1];
  const module = here('../pkg/node/index.js').href;
  // Each `expression; // answer` line becomes a check of the answer (a string
  // answer is checked up to a `...`); the rest runs as written.
  const checked = example.split('\n').map((line) => {
    const match = line.match(/^(\S[^;]*);\s+\/\/ (\{.*\}|\[.*\]|true|false|\d+|'[^']*')/);
    if (match === null) return line;
    const [, expression, answer] = match;
    const expected = answer.replace(/, \.\.\.'$/, "'");
    return answer.endsWith(", ...'")
      ? `if (!(${expression}).startsWith(${expected})) throw new Error(${JSON.stringify(line)});`
      : `if (!isDeepStrictEqual(${expression}, ${expected})) throw new Error(${JSON.stringify(line)});`;
  });
  const source = `import { isDeepStrictEqual } from 'node:util';\n${checked.join('\n').replace("from 'itam-rbac-wasm'", `from '${module}'`)}`;
  const file = join(mkdtempSync(join(tmpdir(), 'itam-rbac-readme-')), 'example.mjs');
  writeFileSync(file, source);
  await import(file);
  assert.ok(checked.filter((line) => line.startsWith('if (!')).length >= 13, source);
});
