// JS API: engagement, benchmarks and grading, pricing, the funnel. Expected values
// come from the article's worked examples and the documented formulas.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadApi, value } from './lib/api.mjs';

let api;
before(async () => {
  api = await loadApi();
});

test("engagementRate: the article's examples", () => {
  // 150 likes on 1,000 followers is 15%; 148 on 2,000 is 7.4%.
  const one = value(api.engagementRate({ counted: { likes: true, comments: false }, posts: [{ likes: 150, audience: 1000 }] }));
  assert.ok(Math.abs(one.rate - 0.15) < 1e-12);
  assert.equal(one.formulaId, 'engagement_rate_followers');
  const two = value(api.engagementRate({ posts: [{ likes: 140, comments: 8, audience: 2000 }] }));
  assert.ok(Math.abs(two.rate - 0.074) < 1e-12);
  assert.equal(two.countedLabel, 'likes + comments');
});

test('engagementRate: median over posts and an error naming the post', () => {
  const result = value(api.engagementRate({ averaging: 'median', posts: [
    { likes: 10, audience: 100 }, { likes: 20, audience: 100 }, { likes: 90, audience: 100 },
  ] }));
  assert.ok(Math.abs(result.rate - 0.2) < 1e-12);
  assert.equal(result.postRates.length, 3);
  const bad = api.engagementRate({ posts: [{ likes: 1, audience: 100 }, { likes: 1, audience: 0 }] });
  assert.equal(bad.ok, false);
  assert.match(bad.error.field, /Post 2/);
  const wrong = api.engagementRate({ basis: 'fans' });
  assert.equal(wrong.ok, false);
  assert.equal(wrong.error.field, 'basis');
});

test('expectedInteractions: 100,000 followers at 2.4% expect 2,400', () => {
  assert.ok(Math.abs(value(api.expectedInteractions(100000, 0.024)) - 2400) < 1e-9);
  assert.ok(Math.abs(value(api.expectedInteractions(2000, 0.074)) - 148) < 1e-9);
});

test('benchmark sets: the article set first, each with a source and a year', () => {
  const sets = value(api.benchmarkSets());
  assert.equal(sets[0].id, 'article');
  assert.ok(sets.length >= 3);
  for (const set of sets) {
    assert.ok(set.source.length > 0 && set.year >= 1990, set.id);
    assert.equal(set.tiers[set.tiers.length - 1].maxFollowers, null, 'open-ended top tier');
  }
  const derived = sets[0].tiers.find((tier) => tier.derived);
  assert.ok(derived, 'the article set marks its derived tier');
  assert.ok(Math.abs(derived.engagementRate - Math.sqrt(0.074 * 0.024)) < 0.001);
  // A valid set round-trips through validateBenchmarkSet unchanged.
  assert.deepEqual(value(api.validateBenchmarkSet(sets[1])), sets[1]);
  const broken = structuredClone(sets[0]);
  broken.tiers[1].minFollowers = 0; // overlaps the first tier
  assert.equal(api.validateBenchmarkSet(broken).ok, false);
});

test('grade: 7.4% in the middle of the 1,000 to 9,999 tier is about typical in the article set', () => {
  const grade = value(api.grade({ followers: 3162, engagementRate: 0.074 }));
  assert.ok(Math.abs(grade.ratio - 1) < 1e-3);
  // Between tier middles the expected rate follows the curve: 2,000 followers expect 8.5%.
  const between = value(api.grade({ followers: 2000, engagementRate: 0.074 }));
  assert.ok(Math.abs(between.benchmarkRate - 0.0852) < 5e-4, String(between.benchmarkRate));
  assert.equal(grade.bandKind, 'typical');
  assert.equal(grade.tierName, '1,000 to 9,999');
  const high = value(api.grade({ followers: 2000, engagementRate: 0.2, setId: 'article' }));
  assert.equal(high.bandKind, 'well_above');
  assert.equal(api.grade({ followers: 2000, engagementRate: 0.07, setId: 'nope' }).ok, false);
  assert.equal(api.grade({ followers: 2000 }).ok, false, 'engagementRate is required');
});

test('suggestPrice: the three models and the quote override', () => {
  // The article's tier table: $100 under 100,000 followers, $5,000 from 100,000 up.
  assert.equal(value(api.suggestPrice({ followers: 1000 })).price.cents, 10000);
  assert.equal(value(api.suggestPrice({ followers: 1_000_000 })).price.cents, 500000);
  // 12,500 / 1,000 x $10 = $125.
  const perThousand = value(api.suggestPrice({ followers: 12500, model: { kind: 'per_thousand_followers' } }));
  assert.equal(perThousand.price.cents, 12500);
  assert.equal(perThousand.formulaId, 'price_per_thousand');
  // 10,000 x 5% x $0.20 = $100.
  const cpe = value(api.suggestPrice({ followers: 10000, engagementRate: 0.05, model: { kind: 'cost_per_engagement', targetCpe: { cents: 20 } } }));
  assert.equal(cpe.price.cents, 10000);
  const quoted = value(api.suggestPrice({ followers: 1000, quote: '$80' }));
  assert.equal(quoted.price.cents, 8000);
  assert.equal(quoted.fromQuote, true);
  assert.equal(value(api.defaultPricingModel('EUR')).currency, 'EUR');
  assert.ok(value(api.priceTables()).length >= 2);
  assert.ok(value(api.priceReferences()).every((r) => r.source && r.year > 2000));
  assert.equal(api.defaultPricingModel('XYZ').ok, false);
});

test("runFunnel: the header's example gives ROI -68%", () => {
  // 10,000 engagements x 2% = 200 clicks x 2% = 4 conversions x $20 = $80 revenue;
  // (80 x 0.4 - 100) / 100 = -68%.
  const result = value(api.runFunnel({ engagements: 10000, cost: { cents: 10000, currency: 'USD' } }));
  assert.ok(Math.abs(result.clicks - 200) < 1e-9);
  assert.ok(Math.abs(result.conversions - 4) < 1e-9);
  assert.equal(result.revenue.cents, 8000);
  assert.ok(Math.abs(result.roi - -0.68) < 1e-12);
  assert.equal(result.earnedMediaValue, null, 'EMV is off unless asked for');
  const free = value(api.runFunnel({ engagements: 100, cost: 0 }));
  assert.equal(free.roi, null, 'ROI is not defined at zero cost');
  const emv = value(api.runFunnel({ engagements: 0, impressions: 100000, cost: 100, assumptions: { includeEmv: true } }));
  assert.equal(emv.earnedMediaValue.cents, 50000, '100,000 impressions x $5 / 1,000');
  assert.equal(api.runFunnel({ engagements: 1, cost: 1, assumptions: { margin: 2 } }).ok, false);
});
