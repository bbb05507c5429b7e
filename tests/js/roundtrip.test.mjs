// The API accepts its own output in every form it gives it (issue 17, item 7): as the
// object, as JSON text, and as the object after a JSON round trip (where 2^63 - 1,
// "no upper limit", becomes 9223372036854776000). Values JSON cannot carry (circular
// objects, BigInt) give an `invalid` envelope instead of throwing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadApi, value } from './lib/api.mjs';

let api;
before(async () => {
  api = await loadApi();
});

const viaJson = (x) => JSON.parse(JSON.stringify(x));

test('a scenario reads back as object, text and JSON-copied object', () => {
  const scenario = value(api.defaultScenario());
  const text = JSON.stringify(scenario);
  assert.match(text, /9223372036854776000/, 'the default scenario holds "no upper limit"');
  for (const input of [scenario, text, viaJson(scenario), value(api.scenarioToJson(scenario))]) {
    assert.deepEqual(value(api.scenarioFromJson(input)), scenario);
    assert.equal(value(api.encodeShareLink(input)), value(api.encodeShareLink(scenario)));
  }
  assert.deepEqual(value(api.decodeShareLink(value(api.encodeShareLink(text)))), scenario);
});

test('benchmark sets, pricing models and funnels go back in as they came out', () => {
  for (const set of value(api.benchmarkSets())) {
    assert.deepEqual(value(api.validateBenchmarkSet(set)), set);
    assert.deepEqual(value(api.validateBenchmarkSet(viaJson(set))), set);
    assert.equal(api.grade({ followers: 5000, engagementRate: 0.05, set }).ok, true);
  }
  const model = value(api.defaultPricingModel('EUR'));
  const suggested = value(api.suggestPrice({ followers: 2000, model: viaJson(model) }));
  assert.equal(suggested.price.currency, 'EUR');
  const funnel = value(api.defaultFunnelAssumptions('GBP'));
  const run = value(api.runFunnel({ engagements: 1000, cost: { cents: 10000, currency: 'GBP' }, assumptions: funnel }));
  assert.equal(run.revenue.currency, 'GBP');
});

test('rosters from CSV import, tracking and campaigns feed each other', () => {
  const imported = value(api.importRosterCsv('Name,Followers,ER,Price\nann,1200,7.4%,$100\nbo,900,5%,$80\n'));
  const roster = viaJson(imported.roster);
  const campaign = value(api.evaluateCampaign({ budget: 5000, roster }));
  assert.equal(campaign.rows.length, 2);
  const adopted = value(api.adoptActuals({ roster, results: [{ influencerId: roster[0].id, likes: 90 }] }));
  const again = value(api.evaluateCampaign({ budget: campaign.budget, roster: adopted.roster }));
  assert.equal(again.rows.length, 2);
  assert.deepEqual(value(api.evaluateCampaign({ budget: 5000, roster: adopted.roster })).totals,
    value(api.evaluateCampaign(viaJson({ budget: 5000, roster: adopted.roster }))).totals);
  const csv = value(api.exportRosterCsv({ roster: adopted.roster }));
  assert.equal(value(api.importRosterCsv(csv)).roster.length, 2);
});

test('values JSON cannot carry are an invalid envelope, not an exception', () => {
  const circular = { budget: 5000 };
  circular.self = circular;
  const calls = [
    () => api.evaluateCampaign(circular),
    () => api.scenarioFromJson(circular),
    () => api.evaluateCampaign({ budget: 10n }),
    () => api.formatMoney(5n),
    () => api.optimize({ budget: 5000 }, { maxNodes: 10n }),
  ];
  for (const call of calls) {
    const result = call();
    assert.equal(result.ok, false);
    assert.equal(result.error.code, 'invalid');
    assert.match(result.error.message, /JSON/);
  }
  // The module still works afterwards.
  assert.equal(value(api.formatCount(12500)), '12,500');
});
