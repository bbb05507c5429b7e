// JS API: campaign evaluation, the one-big-or-many-small comparison, uncertainty
// (bands and the seeded Monte Carlo) and the optimizer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadApi, value } from './lib/api.mjs';

let api;
before(async () => {
  api = await loadApi();
});

const macro = { id: 1, name: 'National blogger', followers: 1_000_000, engagementValue: 0.024, pricePerPost: { cents: 500000, currency: 'USD' } };
const micro = (id) => ({ id, name: `Regional ${id}`, followers: 1000, engagementValue: 0.074, pricePerPost: { cents: 10000, currency: 'USD' }, region: id % 2 ? 'Florida' : 'Midwest' });

test('evaluateCampaign: one row at 1,000 followers, 7.4%, $100', () => {
  // 74 engagements, reach 100 (10%), CPE $100 / 74 = $1.35, CPM $1,000.
  const result = value(api.evaluateCampaign({ budget: 5000, reachRate: 0.1, roster: [micro(1)] }));
  const row = result.rows[0];
  assert.ok(Math.abs(row.expectedEngagements - 74) < 1e-9);
  assert.ok(Math.abs(row.estimatedReach - 100) < 1e-9);
  assert.equal(row.costPerEngagement.cents, 135);
  assert.equal(row.cpm.cents, 100000);
  assert.equal(result.totals.budgetLeft.cents, 490000);
});

test('evaluateCampaign: a bad row is reported and the others still compute', () => {
  const roster = [micro(1), { ...micro(2), followers: -5 }, micro(3)];
  const result = value(api.evaluateCampaign({ budget: 5000, roster }));
  assert.equal(result.rows[1].valid, false);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].row, 1);
  assert.match(result.errors[0].field, /Row 2/);
  assert.ok(Math.abs(result.totals.expectedEngagements - 148) < 1e-9, 'two valid rows of 74');
  // Totals equal the sum of their rows.
  const sum = result.rows.reduce((total, row) => total + row.cost.cents, 0);
  assert.equal(result.totals.cost.cents, sum);
});

test('evaluateCampaign: plan-wide errors and input type errors', () => {
  assert.equal(api.evaluateCampaign({ budget: -1, roster: [] }).ok, false);
  const typed = api.evaluateCampaign({ budget: 5000, roster: [{ ...micro(1), followers: '1000' }] });
  assert.equal(typed.ok, false);
  assert.equal(typed.error.field, 'roster[0].followers');
});

test("comparePlans: the article's one big against ten small, as entered", () => {
  const result = value(api.comparePlans({
    budget: 5000,
    sameBudget: false,
    a: { name: 'One national blogger', influencers: [macro] },
    b: { name: 'Ten regional bloggers', typical: micro(1), count: 10 },
  }));
  assert.ok(Math.abs(result.a.engagements - 24000) < 1e-6);
  assert.ok(Math.abs(result.b.engagements - 740) < 1e-6);
  assert.equal(result.winner, 'a', 'A wins on cost per engagement');
  assert.equal(result.breakEven.countToMatch, 325, '24,000 / 74 rounded up');
  assert.equal(result.breakEven.pricePerPost.cents, 1541, '74 / 4.8 = $15.41');
  assert.ok(result.verdict.length > 0);
  assert.ok(result.breakEvenText.length > 0);
});

test('comparePlans: by default each side gets what the budget buys', () => {
  // $5,000 buys one $5,000 post or fifty $100 posts.
  const result = value(api.comparePlans({
    budget: 5000,
    a: { influencers: [macro] },
    b: { typical: micro(1), count: 10 },
  }));
  assert.equal(result.b.influencers, 50);
  assert.ok(Math.abs(result.b.engagements - 3700) < 1e-6);
  assert.equal(result.b.name, '50 influencers like ' + micro(1).name);
  assert.match(result.notes[0], /buys 50 influencers like .* \(10 entered\)/);
});

test('uncertaintyBands: sigma 0.5 around 1,000 expected engagements', () => {
  // Header example: low 387.7, expected 1,000, high 2,008.6.
  const plan = { budget: 5000, roster: [{ id: 1, name: 'x', followers: 10000, engagementValue: 0.1, pricePerPost: 100 }] };
  const bands = value(api.uncertaintyBands({ plan, sigma: 0.5 }));
  assert.ok(Math.abs(bands.engagements.low - 387.7) < 0.1);
  assert.ok(Math.abs(bands.engagements.expected - 1000) < 1e-9);
  assert.ok(Math.abs(bands.engagements.high - 2008.6) < 0.1);
});

test('monteCarlo: same seed, same numbers; a different seed differs', () => {
  const plan = { budget: 5000, roster: [micro(1), micro(2), micro(3)] };
  const settings = { sigma: 0.5, seed: 42, trials: 2000 };
  const one = value(api.monteCarlo({ plan, settings }));
  const two = value(api.monteCarlo({ plan, settings }));
  assert.deepEqual(one, two);
  const other = value(api.monteCarlo({ plan, settings: { ...settings, seed: 43 } }));
  assert.notDeepEqual(one.engagements, other.engagements);
  assert.ok(one.engagements.p5 <= one.engagements.p50 && one.engagements.p50 <= one.engagements.p95);
  // The lognormal multiplier has mean 1: the simulated mean is near 3 x 74.
  assert.ok(Math.abs(one.engagements.mean - 222) / 222 < 0.05);
  // Seeds beyond 2^53 travel as text.
  assert.equal(api.monteCarlo({ plan, settings: { seed: '18446744073709551615', trials: 10 } }).ok, true);
  assert.equal(api.monteCarlo({ plan, settings: { trials: 0 } }).ok, false);
});

test('monteCarlo: two plans give the probability that A beats B', () => {
  const result = value(api.monteCarlo({
    a: { budget: 5000, roster: [macro] },
    b: { budget: 5000, roster: Array.from({ length: 10 }, (_, i) => micro(i + 1)) },
    metric: 'engagements', judgement: 'total_result', settings: { seed: 7, trials: 1000 },
  }));
  assert.ok(result.probabilityABeatsB > 0.99, '24,000 against 740 expected');
  assert.equal(result.trials, 1000);
});

test("optimize: the header's example hires 50 micros for $5,000", () => {
  const candidates = [{ id: 1, name: 'Macro', cost: { cents: 500000 }, value: 24000 }];
  for (let i = 0; i < 60; i++) candidates.push({ id: 100 + i, cost: { cents: 10000 }, value: 600 });
  const solution = value(api.optimize({ budget: { cents: 500000, currency: 'USD' }, candidates }));
  assert.equal(solution.status, 'optimal');
  assert.equal(solution.chosenIds.length, 50);
  assert.ok(!solution.chosenIds.includes(1));
  assert.ok(Math.abs(solution.objective - 30000) < 1e-6);
  assert.equal(solution.totalCost.cents, 500000);
});

test('optimize: impossible region rules are an infeasible error in words', () => {
  const result = api.optimize({
    budget: 1000,
    regions: [{ name: 'Florida', minHires: 3 }],
    candidates: [{ id: 1, cost: 10, value: 1, region: 'Florida' }, { id: 2, cost: 10, value: 1, region: 'Florida' }],
  });
  assert.equal(result.ok, false);
  assert.equal(result.error.code, 'infeasible');
  assert.match(result.error.message, /Florida/);
});

// A roster priced as $1 per expected engagement plus a $50 fee (1% noise), with
// three regions that need cheap hires: a search of some tens of thousands of nodes.
function feeRoster() {
  let seed = 12345;
  const unit = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const regions = [{ name: 'North', minHires: 2 }, { name: 'South', minHires: 3 }];
  const candidates = [];
  for (let i = 0; i < 150; i++) {
    const followers = Math.floor(300 * 1000 ** unit());
    const engagements = followers * 0.08 * (1000 / followers) ** 0.25;
    const price = (engagements + 50) * (1 + 0.02 * (unit() - 0.5));
    const region = followers < 2000 && unit() < 0.4 ? (i % 2 ? 'North' : 'South') : undefined;
    candidates.push({ id: i + 1, cost: { cents: Math.round(price * 100) }, value: engagements, region });
  }
  return { budget: { cents: 1500000 }, regions, candidates };
}

test('optimize: a search stopped by its budget resumes to the answer of one run', () => {
  const problem = feeRoster();
  const whole = value(api.optimize(problem, { timeLimitMs: 0 }));
  assert.equal(whole.status, 'optimal');
  assert.equal(whole.searchId, undefined);
  let part = value(api.optimize(problem, { maxNodes: 500, timeLimitMs: 0 }));
  assert.equal(part.status, 'limit_reached');
  assert.equal(typeof part.searchId, 'number');
  assert.ok(part.upperBound >= whole.objective * (1 - 1e-9));
  assert.ok(part.gap >= 0 && part.gap <= 1);
  const id = part.searchId;
  for (let turn = 0; part.status === 'limit_reached' && turn < 10000; turn++) {
    part = value(api.resumeOptimize(part.searchId, { maxNodes: 5000 }));
  }
  assert.equal(part.status, 'optimal');
  assert.deepEqual(part.chosenIds, whole.chosenIds);
  assert.equal(part.objective, whole.objective);
  // A finished search is released; an unknown id is an error naming the argument.
  const gone = api.resumeOptimize(id);
  assert.equal(gone.ok, false);
  assert.equal(gone.error.field, 'searchId');
  const bad = api.optimize(problem, { timeLimitMs: -1 });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'options.timeLimitMs');
  const kept = value(api.optimize(problem, { maxNodes: 500 }));
  assert.equal(value(api.releaseOptimize(kept.searchId)), true);
  assert.equal(value(api.releaseOptimize(kept.searchId)), false);
});

test("trackResults: the header's example (8.0%, CPE $1.25, ROI -90%) and a ranking", () => {
  // 1,000 followers, $100 a post, two posts with 60 + 10 and 80 + 10 likes and
  // comments, 5 clicks, 1 sale of $40, margin 50%.
  const roster = [
    { id: 1, name: 'Ann', followers: 1000, engagementValue: 0.05, pricePerPost: 100 },
    { id: 2, name: 'Bo', followers: 2000, engagementValue: 0.05, pricePerPost: 100 },
  ];
  const results = [
    { influencerId: 1, likes: 60, comments: 10, clicks: 5 },
    { influencerId: 1, likes: 80, comments: 10, conversions: 1, revenue: 40 },
    { influencerId: 2, likes: 20, comments: 0 },
    { influencerId: 99, likes: 1 },
  ];
  const tracked = value(api.trackResults({ roster, results, margin: 0.5, rankBy: 'engagement_rate' }));
  const ann = tracked.influencers.find((i) => i.id === 1);
  assert.ok(Math.abs(ann.interactionsPerPost - 80) < 1e-9);
  assert.ok(Math.abs(ann.engagementRate - 0.08) < 1e-12);
  assert.equal(ann.cost.cents, 20000);
  assert.equal(ann.costPerEngagement.cents, 125);
  assert.equal(ann.costPerClick.cents, 4000);
  assert.equal(ann.costPerAcquisition.cents, 20000);
  assert.ok(Math.abs(ann.roi - -0.9) < 1e-12);
  assert.equal(tracked.errors.length, 1, 'the unknown influencer is a row error');
  assert.match(tracked.errors[0].field, /Result 4/);
  assert.deepEqual(tracked.ranking.map((r) => r.id), [1, 2], '8% before 1%');
  const adopted = value(api.adoptActuals({ roster, results: results.slice(0, 3), margin: 0.5 }));
  assert.ok(Math.abs(adopted.roster[0].engagementValue - (0.05 + (2 / 14) * 0.03)) < 1e-12);
  assert.deepEqual(adopted.changedIds.sort(), [1, 2]);
  const measured = value(api.adoptActuals({ roster, results: results.slice(0, 3), priorPosts: 0 }));
  assert.ok(Math.abs(measured.roster[0].engagementValue - 0.08) < 1e-12);
  assert.equal(api.adoptActuals({ roster, results, priorPosts: -1 }).ok, false);
  assert.equal(api.trackResults({ roster, results, margin: 2 }).ok, false);
});
