// The JS API's cost against the core's (issue 13, item 7): a 10,000-row campaign
// evaluated through api.evaluateCampaign (JSON in, envelope out) and the same
// evaluation called from C++ inside the same wasm module (benchmarkEvaluateCampaign,
// which reads the campaign once and times only core::evaluate_campaign), same run.
// Usage: node --no-experimental-fetch tests/perf/api_bench.mjs build/<preset>/microreach-api.js
// Prints markdown rows and the verdict for scripts/bench-core.sh.
import { createRequire } from 'node:module';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const source = resolve(process.argv[2]);
const folder = mkdtempSync(join(tmpdir(), 'microreach-api-bench-'));
copyFileSync(source.replace(/\.js$/, '.wasm'), join(folder, basename(source).replace(/\.js$/, '.wasm')));
const copy = join(folder, basename(source).replace(/\.js$/, '.cjs'));
copyFileSync(source, copy);
const api = await createRequire(import.meta.url)(copy)({ locateFile: (name) => join(folder, name) });

const rows = 10_000;
const campaign = {
  budget: 250_000,
  roster: Array.from({ length: rows }, (_, i) => ({
    id: i + 1, name: `Creator ${i}`, platform: 'Instagram', followers: 1000 + (i % 5000) * 37,
    engagementValue: 0.01 + (i % 13) * 0.005, pricePerPost: 50 + (i % 40) * 5, posts: 1 + (i % 3),
    region: ['North', 'South', 'East', 'West'][i % 4], audienceFit: 0.5 + (i % 5) * 0.1,
  })),
};

// The same rows as columns (docs/api.md, "Columns"): numbers as typed arrays, text as
// lists; the rows come back as columns of Float64Arrays.
const column = (field, Kind) => Kind
  ? Kind.from(campaign.roster, (row) => row[field])
  : campaign.roster.map((row) => row[field]);
const columns = {
  budget: campaign.budget,
  roster: {
    id: column('id', Float64Array), name: column('name'), platform: column('platform'),
    followers: column('followers', Float64Array), engagementValue: column('engagementValue', Float64Array),
    pricePerPost: column('pricePerPost', Float64Array), posts: column('posts', Float64Array),
    region: column('region'), audienceFit: column('audienceFit', Float64Array),
  },
};

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const runs = 7;
const through = [];
const byColumns = [];
// The floor of any boundary that carries JSON-like objects: JavaScript's own
// JSON.stringify of the input and JSON.parse of the result's text, no wasm at all.
const floor = [];
for (let k = 0; k < runs + 1; ++k) {
  const start = performance.now();
  const result = api.evaluateCampaign(campaign);
  const spent = performance.now() - start;
  if (!result.ok || result.value.rows.length !== rows) throw new Error(JSON.stringify(result).slice(0, 300));
  const columnStart = performance.now();
  const fromColumns = api.evaluateCampaign(columns);
  const columnSpent = performance.now() - columnStart;
  const got = fromColumns.ok && fromColumns.value.rows.expectedEngagements;
  if (!(got instanceof Float64Array) || got.length !== rows || got[rows - 1] !== result.value.rows[rows - 1].expectedEngagements ||
      fromColumns.value.totals.cost.cents !== result.value.totals.cost.cents) {
    throw new Error(`columns disagree with rows: ${JSON.stringify(fromColumns).slice(0, 300)}`);
  }
  const text = JSON.stringify(result);
  const floorStart = performance.now();
  JSON.parse(text);
  JSON.stringify(campaign);
  const floorSpent = performance.now() - floorStart;
  if (k > 0) { // the first run warms up
    through.push(spent);
    byColumns.push(columnSpent);
    floor.push(floorSpent);
  }
}
const native = api.benchmarkEvaluateCampaign(campaign, runs);
if (!native.ok) throw new Error(JSON.stringify(native));
const core_ms = native.value;
const label = `${rows.toLocaleString('en-US')} rows (median of ${runs})`;
const row = (what, ms, target) =>
  console.log(`| ${what}, ${label} | ${core_ms.toFixed(1)} ms | ${ms.toFixed(1)} ms | ${(ms / core_ms).toFixed(2)}x | ${target} |`);
row('evaluateCampaign, roster as columns (typed arrays)', median(byColumns), 'API <= 3x C++');
row('evaluateCampaign, roster as objects', median(through), 'bounded by the JSON floor below');
row('JSON alone: stringify of the input + parse of the result', median(floor), 'the floor of a JSON-object boundary');
const ratio = median(byColumns) / core_ms;
console.log(`\n- ${ratio <= 3 ? 'meets' : 'MISSES'} target: JS API evaluateCampaign (columns) <= 3x the same evaluation in C++ (${ratio.toFixed(2)}x)`);
