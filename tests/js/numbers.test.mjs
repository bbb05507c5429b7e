// JS API: version, number parsing and formatting, currencies, formulas, and the
// envelope rules (errors as data, optional arguments, wrong argument types).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadApi, value } from './lib/api.mjs';

let api;
before(async () => {
  api = await loadApi();
});

test('version is a semantic version string', () => {
  assert.match(api.version(), /^\d+\.\d+\.\d+/);
});

test('parseNumber reads what people type', () => {
  const cases = [
    ['1,234', 1234], ['1.2k', 1200], ['3.5M', 3_500_000], [' 12500 ', 12500], ['.5', 0.5],
  ];
  for (const [text, expected] of cases) {
    assert.equal(value(api.parseNumber(text)), expected, text);
  }
  assert.equal(value(api.parseNumber('1.234,5', { decimalComma: true })), 1234.5);
});

test('parseNumber rejects junk with a field-level message', () => {
  for (const text of ['12abc', '1..2', 'nan', 'inf', '']) {
    const result = api.parseNumber(text, { field: 'Followers' });
    assert.equal(result.ok, false, text);
    assert.equal(result.error.field, 'Followers');
    assert.match(result.error.message, /^Followers: /);
    assert.ok(['empty', 'not_a_number', 'out_of_range'].includes(result.error.code), result.error.code);
  }
});

test('parseNumber with a range reports out_of_range', () => {
  const result = api.parseNumber('150', { field: 'Share', min: 0, max: 100 });
  assert.equal(result.ok, false);
  assert.equal(result.error.code, 'out_of_range');
});

test('parseCount, parseRate and parseMoney', () => {
  assert.equal(value(api.parseCount('12,500', { field: 'Followers', min: 1, max: 1e9 })), 12500);
  assert.equal(api.parseCount('1.5').ok, false, 'not a whole number');
  // A bare number in a rate field is a percentage.
  assert.equal(value(api.parseRate('7.4')), 0.074);
  assert.equal(value(api.parseRate('15%')), 0.15);
  assert.deepEqual(value(api.parseMoney('$100')), { cents: 10000, currency: 'USD', text: '$100' });
  assert.deepEqual(value(api.parseMoney('€1.234,50', { currency: 'EUR', decimalComma: true })),
    { cents: 123450, currency: 'EUR', text: '€1,234.50' });
  assert.equal(api.parseMoney('-$20').ok, false, 'negative needs allowNegative');
  assert.equal(value(api.parseMoney('-$20', { allowNegative: true })).cents, -2000);
  assert.equal(api.parseMoney('€5', { currency: 'USD' }).ok, false, 'another currency');
});

test('formatters', () => {
  assert.equal(value(api.formatMoney({ cents: 500000, currency: 'USD' })), '$5,000');
  assert.equal(value(api.formatMoney({ cents: 6250, currency: 'USD' })), '$62.50');
  assert.equal(value(api.formatMoney({ cents: 500000, currency: 'USD' }, { cents: 'always' })), '$5,000.00');
  assert.equal(value(api.formatMoney(12.345)), '$12.35', 'units round half away from zero');
  assert.equal(value(api.formatNumber(1234.5, 1)), '1,234.5');
  assert.equal(value(api.formatPercent(0.074, 1)), '7.4%');
  assert.equal(value(api.formatCount(12500)), '12,500');
});

test('currencies and formulas are listed', () => {
  const codes = value(api.currencies()).map((c) => c.code);
  assert.deepEqual(codes, ['USD', 'EUR', 'GBP', 'CAD', 'AUD']);
  const formulas = value(api.formulas());
  assert.ok(formulas.length > 20);
  assert.equal(value(api.formula('cpe')).text, 'cost / expected engagements');
  assert.equal(api.formula('no-such-formula').ok, false);
});

test('wrong argument types are errors as data, not exceptions', () => {
  assert.equal(api.parseNumber(42).ok, false);
  assert.equal(api.parseNumber('1', 'not options').ok, false);
  assert.equal(api.formatMoney('abc').ok, false);
  const result = api.formatMoney({ cents: 1.5 });
  assert.equal(result.ok, false);
  assert.equal(result.error.code, 'invalid');
  assert.equal(result.error.field, 'money.cents');
});
