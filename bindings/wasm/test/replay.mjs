// Replays the Rust crate's test vectors through a package instance: shared by
// vectors.test.mjs (a fresh instance) and property.test.mjs (an instance after
// hostile calls). The vectors are written by the crate itself, through its own API
// (src/bin/vectors.rs): `cargo run --bin vectors -- out`.

import assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';

export const path = process.env.ITAM_VECTORS ?? new URL('../out/vectors.jsonl', import.meta.url).pathname;

/** What the package answers to one line's question, in the line's own terms. */
function answer(pkg, line, subjects) {
  const subject = subjects[line.s];
  switch (line.t) {
    case 'task': {
      const record = pkg.explain(subject, line.action, line.task);
      const allowed = pkg.can(subject, line.action, line.task);
      assert.equal(record.domain, 'task');
      assert.equal(record.action, line.action);
      assert.equal(record.kind, line.task.kind);
      assert.equal(record.state, line.task.state);
      return {
        got: { allowed, code: record.code, reason: record.reason, message: record.message, roles: record.roles },
        want: { allowed: line.allowed, code: line.code, reason: line.reason, message: line.message, roles: line.roles },
        // `explain` and `can` must agree with each other too.
        consistent: record.allowed === allowed,
      };
    }
    case 'workflow':
      return {
        got: pkg.validateEvent(subject, line.task, line.event, line.relations),
        want: outcome(line),
      };
    case 'record': {
      const got = pkg.checkRecord(subject, line.action, line.record);
      return {
        got,
        want: outcome(line),
        consistent: pkg.canRecord(subject, line.action, line.record) === got.allowed,
      };
    }
    case 'record_event':
      return { got: pkg.transitionRecord(subject, line.record, line.event), want: outcome(line) };
    case 'permitted':
      return {
        got: pkg.permittedActions(subject, line.task, line.relations),
        want: { actions: line.actions, events: line.events },
      };
    case 'task_filter':
      return {
        got: {
          filter: pkg.taskFilter(subject, line.action),
          sqlite: pkg.taskFilterSql(subject, line.action, 'sqlite'),
          postgres: pkg.taskFilterSql(subject, line.action, 'postgres'),
          mysql: pkg.taskFilterSql(subject, line.action, 'mysql'),
        },
        want: { filter: line.filter, sqlite: line.sqlite, postgres: line.postgres, mysql: line.mysql },
      };
    case 'record_filter':
      return {
        got: {
          filter: pkg.recordFilter(subject, line.operation, line.kind),
          sqlite: pkg.recordFilterSql(subject, line.operation, line.kind, 'sqlite'),
          postgres: pkg.recordFilterSql(subject, line.operation, line.kind, 'postgres'),
          mysql: pkg.recordFilterSql(subject, line.operation, line.kind, 'mysql'),
        },
        want: { filter: line.filter, sqlite: line.sqlite, postgres: line.postgres, mysql: line.mysql },
      };
    case 'subject': {
      let got;
      try {
        const made = new pkg.Subject('someone', line.roles);
        got = { granted: made.granted, effective: made.effective };
        made.free();
      } catch (error) {
        got = { error: error instanceof Error ? error.message : `not an Error: ${error}` };
      }
      // The crate's text, at the argument it is about (the input contract's TypeError).
      const want = line.error === undefined ? { granted: line.granted, effective: line.effective } : { error: `roles: ${line.error}` };
      return { got, want };
    }
    case 'name_error': {
      let got;
      try {
        pkg.can(subjects[1], 'read', line.task);
        got = { error: null };
      } catch (error) {
        got = { error: error instanceof TypeError ? error.message : `not a TypeError: ${error}` };
      }
      const place = line.error.startsWith('unknown task kind') ? 'task.kind' : 'task.state';
      return { got, want: { error: `${place}: ${line.error}` } };
    }
    default:
      throw new Error(`unknown line type ${line.t}`);
  }
}

/** A line's expected `Outcome` or `Check`. */
function outcome(line) {
  const want = { allowed: line.allowed };
  for (const field of ['next', 'code', 'reason', 'message']) {
    if (line[field] !== undefined) want[field] = line[field];
  }
  return want;
}


/**
 * Every line of the vectors asked of `pkg`: the lines counted by type, the
 * header, the number of decisions, and the lines whose answer differs.
 */
export async function replay(pkg) {
  assert.ok(existsSync(path), `no vectors at ${path}: run \`cargo run --bin vectors -- out\` in bindings/wasm`);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let header;
  let subjects;
  const counts = {};
  const differences = [];
  for await (const text of lines) {
    if (header === undefined) {
      header = JSON.parse(text);
      assert.equal(header.format, 'itam-rbac-wasm vectors 1');
      subjects = header.subjects.map(({ id, roles }) => new pkg.Subject(id, roles));
      continue;
    }
    const line = JSON.parse(text);
    counts[line.t] = (counts[line.t] ?? 0) + 1;
    let result;
    try {
      result = answer(pkg, line, subjects);
    } catch (error) {
      result = { got: { threw: String(error) }, want: {} };
    }
    const { got, want, consistent = true } = result;
    if (!consistent || !isDeepStrictEqual(got, want)) {
      differences.push({ line, got, want, consistent });
    }
  }
  for (const subject of subjects) subject.free();
  const decisions = ['task', 'workflow', 'record', 'record_event', 'permitted']
    .reduce((sum, type) => sum + (counts[type] ?? 0), 0);
  return { header, counts, decisions, differences };
}
