// peer.js -- the peer of bench/compare.sh: what a user might pick instead of hogo.
// json-rules-engine 7.x screening every plan of a directory with one rule per topic of plan
// format v1 (24 rules), each a few conditions on the plan's fields, reached by JSONPath as the
// engine's documentation shows.  Like `hogo check`, it reads each file, parses it and runs every
// rule on it; it writes one line per plan (the events raised) to /dev/null-able stdout.
//
//   node bench/peer/peer.js DIR [REPS]   ->  last line: {"plans":N,"seconds":S,"plans_per_s":P}
//
// The time is the best of REPS runs (default 3) over the whole directory, from the first read to
// the last result, in one process (no start-up counted).  Install with `npm ci` in this folder.
'use strict';
const fs = require('fs');
const path = require('path');
const { Engine } = require('json-rules-engine');

// One rule per topic: the question a council asks first about it, as conditions.
const has = (p) => ({ fact: 'plan', path: p, operator: 'notEqual', value: undefined });
const RULES = [
  ['storage.location', { any: [
    { fact: 'plan', path: '$.storage[*].location', operator: 'contains', value: 'cloud' },
    { fact: 'plan', path: '$.storage[*].region', operator: 'contains', value: 'overseas' }] }],
  ['network.separation', { any: [
    { fact: 'plan', path: '$.storage[*].network', operator: 'contains', value: 'internet' }] }],
  ['transfer.method', { any: [
    { fact: 'plan', path: '$.transfers[*].method', operator: 'contains', value: 'usb' },
    { fact: 'plan', path: '$.transfers[*].method', operator: 'contains', value: 'email' },
    { fact: 'plan', path: '$.transfers[*].encrypted', operator: 'contains', value: false }] }],
  ['verification.single_person', { any: [
    { fact: 'plan', path: '$.transfers[*].verification.people', operator: 'contains', value: 1 }] }],
  ['disposal.method', { any: [
    { fact: 'plan', path: '$.disposal', operator: 'equal', value: undefined },
    { fact: 'plan', path: '$.disposal[*].certificate', operator: 'contains', value: false }] }],
  ['retention.period', { any: [
    { fact: 'plan', path: '$.retention', operator: 'equal', value: undefined },
    { fact: 'plan', path: '$.retention.period', operator: 'in', value: ['永年', '無期限', 'indefinite'] }] }],
  ['outsourcing.responsibility', { all: [has('$.outsourcing'),
    { fact: 'plan', path: '$.outsourcing.responsibility_structure', operator: 'equal', value: undefined }] }],
  ['outsourcing.subcontracting', { any: [
    { fact: 'plan', path: '$.outsourcing.subcontracting', operator: 'in', value: ['allowed', 'with_approval'] }] }],
  ['outsourcing.scope', { all: [has('$.outsourcing'),
    { fact: 'plan', path: '$.outsourcing.scope', operator: 'equal', value: undefined }] }],
  ['data.sensitive', { any: [
    { fact: 'plan', path: '$.data.items[*].sensitive', operator: 'contains', value: true },
    { fact: 'plan', path: '$.data.items[*].category', operator: 'contains', value: 'health' },
    { fact: 'plan', path: '$.data.subjects[*].kind', operator: 'contains', value: 'victim' }] }],
  ['data.identifiability', { any: [
    { fact: 'plan', path: '$.data.items[*].category', operator: 'contains', value: 'photo' }] }],
  ['data.minimization', { any: [
    { fact: 'plan', path: '$.data.collected_always', operator: 'equal', value: true }] }],
  ['data.volume', { any: [
    { fact: 'plan', path: '$.data.persons', operator: 'greaterThanInclusive', value: 10000 },
    { fact: 'plan', path: '$.data.persons', operator: 'equal', value: undefined }] }],
  ['data.controller', { any: [
    { fact: 'plan', path: '$.transfers[*].to', operator: 'contains', value: '事業者' }] }],
  ['access.control', { any: [
    { fact: 'plan', path: '$.access.logging', operator: 'notEqual', value: true },
    { fact: 'plan', path: '$.access.authentication', operator: 'equal', value: 'password' }] }],
  ['devices.management', { all: [has('$.devices.kind'),
    { fact: 'plan', path: '$.devices.managed', operator: 'notEqual', value: true }] }],
  ['platform.third_party', { any: [
    { fact: 'plan', path: '$.transfers[*].method', operator: 'contains', value: 'third_party_app' }] }],
  ['operations.rules', { any: [
    { fact: 'plan', path: '$.operations.rules', operator: 'notEqual', value: 'in_force' }] }],
  ['operations.capacity', { any: [
    { fact: 'plan', path: '$.operations.staff', operator: 'equal', value: undefined }] }],
  ['procurement.competition', { any: [
    { fact: 'plan', path: '$.outsourcing.bidders', operator: 'equal', value: 1 }] }],
  ['contract.period', { any: [
    { fact: 'plan', path: '$.contract.years', operator: 'greaterThan', value: 5 }] }],
  ['governance.reconsultation', { any: [
    { fact: 'plan', path: '$.consultation.kind', operator: 'equal', value: 'change' }] }],
  ['governance.follow_up', { any: [
    { fact: 'plan', path: '$.council.conditions[*].status', operator: 'contains', value: 'open' }] }],
  ['input.consistency', { any: [
    { fact: 'plan', path: '$.storage', operator: 'equal', value: null },
    { fact: 'plan', path: '$.transfers', operator: 'equal', value: null }] }],
];

function makeEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [topic, conditions] of RULES)
    engine.addRule({ name: topic, conditions, event: { type: topic } });
  return engine;
}

async function screenAll(engine, files, out) {
  for (const f of files) {
    const plan = JSON.parse(fs.readFileSync(f, 'utf8'));
    const { events } = await engine.run({ plan });
    out.push(path.basename(f) + ' ' + events.map((e) => e.type).join(','));
  }
}

async function main() {
  const dir = process.argv[2];
  const reps = Number(process.argv[3] || 3);
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort().map((n) => path.join(dir, n));
  const engine = makeEngine();
  let best = Infinity, lines = [];
  for (let r = 0; r < reps; r++) {
    const out = [];
    const t0 = process.hrtime.bigint();
    await screenAll(engine, files, out);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < best) { best = s; lines = out; }
  }
  process.stderr.write(lines.slice(0, 3).join('\n') + '\n');
  console.log(JSON.stringify({ plans: files.length, seconds: best, plans_per_s: files.length / best,
                               rules: RULES.length }));
}

main().catch((e) => { console.error(e); process.exit(1); });
