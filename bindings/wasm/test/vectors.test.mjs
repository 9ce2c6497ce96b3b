// Replays every decision of the Rust crate's test vectors through the package and
// finds no difference. The vectors are written by the crate itself, through its own
// API (src/bin/vectors.rs): `cargo run --bin vectors -- out` (build.sh and .ci/run
// do it before the tests).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as pkg from '../pkg/node/index.js';
import { replay } from './replay.mjs';

test('every test vector of the Rust crate gets the same answer from the package', async (t) => {
  const { header, counts, decisions, differences } = await replay(pkg);
  assert.deepEqual(counts, header.counts, 'every line of the file was replayed');
  t.diagnostic(`${decisions} decisions and ${Object.values(counts).reduce((a, b) => a + b, 0)} lines replayed: ${JSON.stringify(counts)}; ${differences.length} differences`);
  assert.ok(decisions >= 100_000, `only ${decisions} decisions`);
  for (const type of ['task', 'workflow', 'record', 'record_event']) {
    assert.ok(counts[type] > 0, `no ${type} line`);
  }
  assert.deepEqual(differences.slice(0, 5), [], `${differences.length} differences`);
});
