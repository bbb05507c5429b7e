// JS API: a roster given as columns (docs/api.md, "Large rosters: columns"): typed
// arrays and lists of texts in, the rows' figures out as Float64Arrays. The same
// figures, defaults and errors as the same rows given as objects.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadApi, value } from './lib/api.mjs';

let api;
before(async () => {
  api = await loadApi();
});

// 120 varied rows: both engagement kinds, no posts, a bad row, texts beyond ASCII.
const names = ['Ann', 'Zoë', 'Łukasz', '李华', 'Emoji 😀 fan', '', 'Tab\there', 'O\'Neil, "Jr"'];
const roster = Array.from({ length: 120 }, (_, i) => ({
  id: i + 1,
  name: `${names[i % names.length]} ${i}`,
  platform: ['Instagram', 'TikTok', 'YouTube'][i % 3],
  followers: i === 7 ? 0 : 800 + ((i * 7919) % 90_000),
  engagementKind: i % 5 === 0 ? 'average_interactions' : 'rate',
  engagementValue: i % 5 === 0 ? 40 + (i % 17) * 9 : 0.005 + (i % 11) * 0.007,
  pricePerPost: (i * 37) % 900 + 0.25,
  posts: i % 9 === 0 ? 0 : 1 + (i % 4),
  region: ['North', 'Süd', '', 'East'][i % 4],
  audienceFit: 0.3 + (i % 7) * 0.1,
  authenticity: 1 - (i % 4) * 0.05,
  conversionMultiplier: 0.5 + (i % 3) * 0.5,
  overhead: (i % 6) * 12.5,
}));
const texts = new Set(['name', 'platform', 'engagementKind', 'region', 'notes']);
// The roster as one list per field: numbers as typed arrays, texts as lists.
function asColumns(rows, fields = Object.keys(rows[0])) {
  return Object.fromEntries(fields.map((field) => [field, texts.has(field)
    ? rows.map((row) => row[field])
    : Float64Array.from(rows, (row) => row[field])]));
}
const campaign = { budget: 40_000, reachRate: 0.3, costs: { hourlyRate: 40, overheadHours: 1, usageRightsRate: 0.1 } };

// Row k of the columns equals row k of the objects: numbers (NaN for null), amounts.
function assertSameRows(columns, rows) {
  assert.equal(columns.id.length, rows.length);
  for (const [key, column] of Object.entries(columns)) {
    for (let k = 0; k < rows.length; ++k) {
      const expected = rows[k][key];
      if (column instanceof Float64Array) {
        assert.ok(Object.is(column[k], expected ?? NaN), `${key}[${k}]: ${column[k]} against ${expected}`);
      } else if (key === 'valid') {
        assert.equal(column[k], expected);
      } else if (column.cents) {
        assert.equal(column.currency, 'USD');
        assert.ok(Object.is(column.cents[k], expected?.cents ?? NaN), `${key}.cents[${k}]`);
      } else { // costSplit: a columns object of its parts
        assertSameRows({ id: columns.id, ...column }, rows.map((row) => ({ id: row.id, ...row[key] })));
      }
    }
  }
}

test('columns: a varied roster gives the same figures as the same rows as objects', () => {
  const byRows = value(api.evaluateCampaign({ ...campaign, roster }));
  const byColumns = value(api.evaluateCampaign({ ...campaign, roster: asColumns(roster) }));
  assert.ok(byColumns.rows.expectedEngagements instanceof Float64Array);
  assert.equal(byRows.rows.filter((row) => !row.valid).length, 1, 'row 8 has no followers');
  assertSameRows(byColumns.rows, byRows.rows);
  assert.deepEqual(byColumns.totals, byRows.totals);
  assert.deepEqual(byColumns.errors, byRows.errors);
  assert.deepEqual(byColumns.budget, byRows.budget);
});

test('columns: fields left out take their defaults, as keys left out of rows do', () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, followers: 1000 + i * 100, engagementValue: 0.05, pricePerPost: 100 }));
  const byRows = value(api.evaluateCampaign({ ...campaign, roster: rows }));
  const byColumns = value(api.evaluateCampaign({ ...campaign, roster: asColumns(rows) }));
  assertSameRows(byColumns.rows, byRows.rows);
  assert.deepEqual(byColumns.totals, byRows.totals);
  // One post each; the audience wholly real and in the target.
  assert.equal(byColumns.totals.posts, 12);
  assert.equal(byColumns.totals.targetedEngagements, byColumns.totals.expectedEngagements);
});

test('columns: a bad entry is an error naming it', () => {
  const message = (columns) => api.evaluateCampaign({ roster: columns }).error.message;
  assert.equal(message({ followers: new Float64Array([1000, 2.5]) }), 'roster.followers[1]: expected a whole number.');
  assert.equal(message({ followers: new Float64Array([1000, NaN]) }), 'roster.followers[1]: expected a whole number.');
  assert.equal(message({ followers: new Int32Array([10, 20]), engagementKind: ['rate', 'sometimes'] }),
    'roster.engagementKind[1]: expected one of "rate", "average_interactions".');
  assert.equal(message({ followers: new Int32Array([10, 20]), name: ['Ann', 5] }), 'roster.name[1]: expected text.');
  assert.equal(message({ followers: new Int32Array([10, 20]), name: ['Ann'] }),
    'roster.name: expected a list of 2 values, one per row (as many as the longest column).');
  assert.equal(message({ followers: new Int32Array([10, 20]), pricePerPost: new Float64Array([1, 1e15]) }),
    'roster.pricePerPost[1]: type an amount below 10 trillion.');
});

test('columns: texts beyond ASCII reach the rows unchanged', () => {
  // The CSV export writes every text field: the same file from columns as from rows.
  const few = roster.slice(0, 16).map((row, i) => ({ ...row, notes: i === 3 ? 'nul \u0000 inside' : `n${i} ✓` }));
  const fromRows = value(api.exportRosterCsv({ roster: few }));
  const fromColumns = value(api.exportRosterCsv({ roster: asColumns(few) }));
  assert.match(fromRows, /Emoji 😀 fan 4/);
  assert.equal(fromColumns, fromRows);
});

test('columns: the figures are copies, one buffer for all, kept when the module is called again', () => {
  const first = value(api.evaluateCampaign({ ...campaign, roster: asColumns(roster) })).rows;
  const kept = Array.from(first.expectedEngagements);
  assert.equal(first.cost.cents.buffer, first.expectedEngagements.buffer);
  value(api.evaluateCampaign({ ...campaign, roster: asColumns(roster.slice(0, 5).map((row) => ({ ...row, followers: 1 }))) }));
  assert.deepEqual(Array.from(first.expectedEngagements), kept);
});
