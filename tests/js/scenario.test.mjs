// JS API: the whole scenario (state JSON document), evaluating it, its plain-text
// report, and screen ids.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadApi, value } from './lib/api.mjs';

let api;
before(async () => {
  api = await loadApi();
});

test("defaultScenario is the article's story", () => {
  const scenario = value(api.defaultScenario());
  assert.equal(scenario.format, 'microreach');
  assert.equal(scenario.version, 1);
  assert.ok(scenario.roster.length >= 10, 'one national blogger and about ten regional ones');
  assert.ok(scenario.roster.some((row) => row.followers >= 1_000_000 && row.price === 500000));
  assert.ok(scenario.roster.some((row) => row.price === 10000));
});

test('scenario JSON round trip: object -> text -> object is identical', () => {
  const scenario = value(api.defaultScenario());
  scenario.title = 'Changed title';
  scenario.budget = 750000;
  scenario.roster[1].followers = 4321;
  const text = value(api.scenarioToJson(scenario));
  assert.match(text, /^\{\n {2}"/, 'pretty by default');
  assert.equal(value(api.scenarioToJson(scenario, { pretty: false })).includes('\n'), false);
  const back = value(api.scenarioFromJson(text));
  assert.deepEqual(back, scenario);
  // The object form works as input too (JS numbers for 2^63 - 1 are mapped back).
  assert.deepEqual(value(api.scenarioFromJson(scenario)), scenario);
});

test('scenarioFromJson: missing fields take defaults; damage and newer versions are errors', () => {
  const minimal = value(api.scenarioFromJson('{"format": "microreach", "version": 1}'));
  assert.ok(Array.isArray(minimal.roster));
  const damaged = api.scenarioFromJson('{"format": "microreach", "version": 1, "roster": [');
  assert.equal(damaged.ok, false);
  assert.equal(damaged.error.code, 'malformed');
  const typed = api.scenarioFromJson({ format: 'microreach', version: 1, roster: [{ followers: 'many' }] });
  assert.equal(typed.ok, false);
  assert.match(typed.error.message, /roster\[0\]\.followers/);
  const newer = api.scenarioFromJson({ format: 'microreach', version: 999 });
  assert.equal(newer.ok, false);
  assert.equal(newer.error.code, 'unsupported');
  assert.equal(api.scenarioFromJson(undefined).ok, false);
  // A wrong number of arguments is a programming error: embind throws (docs/api.md).
  assert.throws(() => api.scenarioFromJson(), /called with 0 arguments/);
});

test('evaluateScenario: campaign and comparison from one scenario', () => {
  const result = value(api.evaluateScenario(value(api.defaultScenario())));
  assert.equal(result.campaign.ok, true);
  assert.equal(result.comparison.ok, true);
  const campaign = result.campaign.value;
  const sum = campaign.rows.reduce((total, row) => total + row.expectedEngagements, 0);
  assert.ok(Math.abs(campaign.totals.expectedEngagements - sum) < 1e-6);
  assert.ok(result.comparison.value.verdict.length > 0);
});

test('report: plain text of the plan that follows the inputs', () => {
  const scenario = value(api.defaultScenario());
  const text = value(api.report(scenario));
  assert.ok(text.length > 500);
  assert.ok(!/NaN|Infinity|undefined/.test(text));
  assert.match(text, /Cost per engagement \(CPE\)/);
  const budget = (scenario.budget / 100).toLocaleString('en-US');
  assert.ok(text.includes(`$${budget}`), `the budget $${budget} is in the report`);
  scenario.budget = 1234500;
  const changed = value(api.report(scenario, { includeSimulation: false, includeFormulas: false }));
  assert.ok(changed.includes('$12,345'));
  assert.notEqual(changed, text);
});

test('screenIds lists the screens the URL can open', () => {
  const ids = value(api.screenIds());
  assert.ok(ids.includes('compare'));
  assert.ok(ids.includes('engagement'));
});

test('share links: encode then decode gives the same scenario; damage is an error', () => {
  const scenario = value(api.defaultScenario());
  const plain = value(api.encodeShareLink(scenario));
  assert.match(plain, /^v3\./);
  assert.ok(plain.length < 40, `the default scenario is a short link: ${plain}`);
  scenario.title = 'Spring campaign';
  scenario.budget = 800000;
  scenario.roster[2].name = 'Florida dad who reviews books';
  scenario.roster[2].followers = 2500;
  const fragment = value(api.encodeShareLink(scenario));
  assert.match(fragment, /^v3\.[A-Za-z0-9_-]+$/, 'URL-safe');
  assert.deepEqual(value(api.decodeShareLink(fragment)), scenario);
  assert.deepEqual(value(api.decodeShareLink(`#${fragment}`)), scenario);
  assert.deepEqual(value(api.decodeShareLink(`https://example.com/microreach/?embed=1#${fragment}`)), scenario);
  // A flipped character, a cut link, garbage and an unknown version.
  const flipped = fragment.slice(0, -3) + (fragment.at(-3) === 'A' ? 'B' : 'A') + fragment.slice(-2);
  for (const damaged of [flipped, fragment.slice(0, fragment.length - 5), 'v1.!!!', 'hello']) {
    const result = api.decodeShareLink(damaged);
    assert.equal(result.ok, false, damaged);
    assert.equal(result.error.field, 'Share link');
  }
  const future = api.decodeShareLink('v9.AAAA');
  assert.equal(future.ok, false);
  assert.equal(future.error.code, 'unsupported');
});
