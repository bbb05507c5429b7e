// Every example in docs/api.md, run against the module and compared with the value the
// API gave before the schema refactor (tests/js/golden/api-examples.json). The examples
// are read from the docs themselves: each ```js block runs in its own scope; a
// statement that is not a declaration is an example whose value is recorded.
// MICROREACH_UPDATE_GOLDEN=1 rewrites the file (only for a deliberate API change).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadApi } from './lib/api.mjs';

const docsPath = new URL('../../docs/api.md', import.meta.url);
const goldenPath = new URL('./golden/api-examples.json', import.meta.url);
const updating = process.env.MICROREACH_UPDATE_GOLDEN === '1';

// Names the docs use without defining them (what a reader has at hand).
const prelude = `
  let scenario = api.defaultScenario().value;
  const roster = [{id: 1, name: 'Ann', followers: 1000, pricePerPost: 100}];
  const results = [{influencerId: 1, likes: 60, comments: 10, clicks: 5},
                   {influencerId: 1, likes: 80, comments: 10, conversions: 1, revenue: 40}];
  const current = roster;
  const campaignA = {budget: 5000, roster: [{id: 1, followers: 1000000, engagementValue: 0.024, pricePerPost: 5000}]};
  const campaignB = {budget: 5000, roster: Array.from({length: 10}, (_, i) =>
    ({id: 10 + i, followers: 1000, engagementValue: 0.074, pricePerPost: 100}))};
`;

// The statements of one ```js block: comments dropped, lines joined until brackets
// balance and the line does not end with an operator or a comma.
export function statements(block) {
  const out = [];
  let current = '';
  let depth = 0;
  for (const raw of block.split('\n')) {
    const line = raw.replace(/\s\/\/.*$/, '').replace(/^\s*\/\/.*$/, '');
    if (!line.trim()) continue;
    current += (current ? '\n' : '') + line;
    for (const c of line.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, '')) {
      if ('([{'.includes(c)) depth += 1;
      if (')]}'.includes(c)) depth -= 1;
    }
    if (depth === 0 && !/[,=+\-*/(]\s*$/.test(line)) {
      out.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  return out;
}

function examples() {
  const docs = readFileSync(docsPath, 'utf8');
  const blocks = [...docs.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .map((block) => statements(block))
    .filter((list) => !list.some((s) => s.startsWith('require(') || s.includes('require(')));
}

// JSON with the values JSON drops made visible.
function record(value) {
  return JSON.parse(JSON.stringify(value, (key, v) => (v === undefined ? '$undefined' : v)) ?? '"$undefined"');
}

let api;
before(async () => {
  api = await loadApi();
});

test('every docs/api.md example gives the value it gave before', () => {
  const observed = {};
  for (const list of examples()) {
    let body = prelude + '{\nconst __out = [];\n';
    for (const s of list) {
      if (/^(const|let|var)\s/.test(s)) {
        body += s + ';\n';
      } else {
        body += `try { __out.push([${JSON.stringify(s)}, ${s}]); } catch (e) { __out.push([${JSON.stringify(s)}, {$throws: String(e.name)}]); }\n`;
      }
    }
    body += 'return __out;\n}';
    for (const [code, value] of new Function('api', body)(api)) {
      assert.ok(!(code in observed), `example written twice in docs/api.md: ${code}`);
      observed[code] = record(value);
    }
  }
  assert.ok(Object.keys(observed).length >= 40, `found ${Object.keys(observed).length} examples`);
  if (updating) {
    writeFileSync(goldenPath, JSON.stringify(observed, null, 1) + '\n');
    return;
  }
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8'));
  for (const [code, value] of Object.entries(golden)) {
    assert.ok(code in observed, `docs/api.md lost the example ${code}`);
    assert.deepEqual(observed[code], value, code);
  }
  for (const code of Object.keys(observed)) {
    assert.ok(code in golden, `new example without a recorded value (MICROREACH_UPDATE_GOLDEN=1): ${code}`);
  }
});
