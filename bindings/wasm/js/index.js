// The package's entry point: the wasm-bindgen module, with every argument that
// names a Subject (or the `this` of a class's method) checked before the module is
// entered. That is the one check made here, in JavaScript: the glue wasm-bindgen
// writes for an argument of a Rust class throws a plain `Error` from the middle of
// its own bookkeeping. Every other argument goes in as it is, and the module reads
// it under the input contract (src/contract.rs), never throwing from inside.

import * as raw from './itam_rbac_wasm.js';

export * from './itam_rbac_wasm.js';

/** What an error says it got. */
function got(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** `value` if it is a live instance of `Class`; otherwise a TypeError naming `arg`. */
function live(value, Class, arg) {
  if (value instanceof Class && typeof value.__wbg_ptr === 'number' && value.__wbg_ptr !== 0) {
    return value;
  }
  throw new TypeError(
    value instanceof Class
      ? `${arg} was freed (free() was called)`
      : `${arg} must be a ${Class.name}${Class === raw.Subject ? ' (new Subject(id, roles))' : ''}, got ${got(value)}`,
  );
}

const { Subject, TaskMatcher, RecordMatcher } = raw;

// The methods and getters of the classes check `this` the same way; `free()` twice
// is once.
for (const Class of [Subject, TaskMatcher, RecordMatcher]) {
  const proto = Class.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'constructor' || name.startsWith('__')) continue;
    if (name === 'free') {
      const free = descriptor.value;
      proto.free = function freeOnce() {
        if (this instanceof Class && this.__wbg_ptr !== 0) free.call(this);
      };
      continue;
    }
    if (typeof descriptor.get === 'function') {
      const get = descriptor.get;
      Object.defineProperty(proto, name, {
        ...descriptor,
        get() { return get.call(live(this, Class, 'this')); },
      });
    } else if (typeof descriptor.value === 'function') {
      const method = descriptor.value;
      // Every method takes at most one argument.
      proto[name] = {
        [name](arg) { return method.call(live(this, Class, 'this'), arg); },
      }[name];
    }
  }
  if (typeof Symbol.dispose === 'symbol') proto[Symbol.dispose] = proto.free;
}

const subject = (value) => live(value, Subject, 'subject');

export function can(s, action, task) { return raw.can(subject(s), action, task); }
export function explain(s, action, task) { return raw.explain(subject(s), action, task); }
export function permittedActions(s, task, relations) { return raw.permittedActions(subject(s), task, relations); }
export function validateEvent(s, task, event, relations) { return raw.validateEvent(subject(s), task, event, relations); }
export function checkEdit(s, task, fields) { return raw.checkEdit(subject(s), task, fields); }
export function canRecord(s, action, record) { return raw.canRecord(subject(s), action, record); }
export function checkRecord(s, action, record) { return raw.checkRecord(subject(s), action, record); }
export function transitionRecord(s, record, event) { return raw.transitionRecord(subject(s), record, event); }
export function taskFilter(s, action) { return raw.taskFilter(subject(s), action); }
export function taskFilterSql(s, action, dialect, columns) { return raw.taskFilterSql(subject(s), action, dialect, columns); }
export function recordFilter(s, operation, kind) { return raw.recordFilter(subject(s), operation, kind); }
export function recordFilterSql(s, operation, kind, dialect, columns) { return raw.recordFilterSql(subject(s), operation, kind, dialect, columns); }
export function taskMatcher(s, action) { return raw.taskMatcher(subject(s), action); }
export function recordMatcher(s, operation, kind) { return raw.recordMatcher(subject(s), operation, kind); }
