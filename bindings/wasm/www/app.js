// The example page: a task list whose buttons are enabled by `permittedActions`,
// each with a tooltip (its `title`) giving the reason: `explain`'s sentence for
// edit and delete, `validateEvent`'s for a workflow event (the state it leads to,
// or why not). The tasks and personas are www/fixture.json; `?as=<persona id>`
// picks the user, `?tip=<task id>:<button>` shows one tooltip open (for the
// screenshot). When the list is drawn, <body> gets data-ready="true".

import init, { Subject, explain, names, permittedActions, validateEvent } from '../pkg/web/index.js';

const ACTIONS = ['update', 'delete'];
const label = (name) => name.charAt(0).toUpperCase() + name.slice(1).replaceAll('_', ' ');

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

/** A row's decision facts: the package's `Task`. */
function facts({ kind, state, assignee, creator, createdBySystem, submitter }) {
  return { kind, state, assignee, creator, createdBySystem, submitter };
}

function button(task, name, kind, enabled, reason) {
  const node = element('button', { type: 'button', class: kind, 'data-task': task.id, 'data-button': name, title: reason }, label(name));
  node.disabled = !enabled;
  return node;
}

async function main() {
  await init();
  const fixture = await (await fetch('fixture.json')).json();
  const params = new URLSearchParams(location.search);
  const persona = fixture.personas.find((p) => p.id === params.get('as')) ?? fixture.personas[0];
  const user = new Subject(persona.id, persona.roles);

  document.getElementById('persona').textContent = persona.name;
  const switcher = document.getElementById('personas');
  for (const p of fixture.personas) {
    switcher.append(element('a', { href: `?as=${encodeURIComponent(p.id)}`, class: p.id === persona.id ? 'current' : '' }, p.id));
  }

  const body = document.querySelector('#tasks tbody');
  for (const row of fixture.tasks) {
    // The package takes exactly the decision's facts: a row's other columns (id,
    // title, ...) would be refused as unknown keys.
    const task = facts(row);
    const relations = [...(row.relations?.[persona.id] ?? []), ...(row.facts ?? [])];
    const permitted = permittedActions(user, task, relations);
    const cell = element('div', { class: 'buttons' });
    for (const action of ACTIONS) {
      cell.append(button(row, action, 'action', permitted.actions.includes(action), explain(user, action, task).message));
    }
    for (const event of names().taskEvents) {
      const outcome = validateEvent(user, task, event, relations);
      cell.append(button(row, event, 'event', permitted.events.includes(event), outcome.allowed ? outcome.next : outcome.message));
    }
    body.append(element('tr', {},
      element('td', { class: 'id' }, row.id, element('div', { class: 'title' }, row.title)),
      element('td', {}, task.kind),
      element('td', { class: 'state' }, task.state),
      element('td', {}, task.assignee ?? '—'),
      element('td', {}, cell)));
  }

  const tip = params.get('tip');
  if (tip !== null) {
    const [taskId, name] = tip.split(':');
    const target = body.querySelector(`button[data-task="${CSS.escape(taskId)}"][data-button="${CSS.escape(name)}"]`);
    if (target !== null) target.parentElement.append(element('div', { class: 'tip' }, target.title));
  }
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  document.body.prepend(element('p', { id: 'error' }, `The page failed: ${error}`));
  document.body.dataset.ready = 'error';
});
