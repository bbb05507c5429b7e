// What a screen reader gets: Chromium's accessibility tree (CDP
// Accessibility.getFullAXTree) holds every control of the comparison screen with its
// role, name and value, and a value set through it reaches the app; axe-core finds
// no violation on any screen in either theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { desktop, openUi, showScreen, startUiSuite, waitForState, waitIdle } from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

const screens = ['One big or many small', 'Engagement', 'Campaign planner', 'Results', 'Assumptions'];
const text = (property) => property?.value ?? '';

async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return { cdp, nodes: nodes.filter((node) => !node.ignored) };
}

test('the accessibility tree holds the comparison screen\'s controls, and edits through it reach the app', async () => {
  const context = await browser.newContext(desktop);
  const { page, record } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  const { cdp, nodes } = await axTree(page);
  const find = (role, name) => nodes.filter((node) => text(node.role) === role && text(node.name) === name);

  // The screens as tabs, the selected one marked.
  const tabs = nodes.filter((node) => text(node.role) === 'tab');
  assert.deepEqual(tabs.map((node) => text(node.name)), ['Engagement', 'One big or many small', 'Campaign planner', 'Results', 'Assumptions']);
  const selected = tabs.filter((node) => node.properties?.some((p) => p.name === 'selected' && p.value.value === true));
  assert.deepEqual(selected.map((node) => text(node.name)), ['One big or many small']);
  // Fields with their values, combo boxes with their choice, buttons by name.
  const [budget] = find('textbox', 'Budget');
  assert.equal(text(budget?.value), '$5,000');
  assert.equal(text(find('combobox', 'Compare on')[0]?.value), 'Engagements');
  assert.equal(find('button', 'Undo').length, 1);
  assert.equal(find('button', 'Files').length, 1);
  // The plans' tables: a table with column headers, one price field per influencer.
  const state = await waitForState(page, (s) => !!s.comparison);
  const tables = nodes.filter((node) => text(node.role) === 'table').map((node) => text(node.name));
  assert.ok(tables.includes('Plan A influencers') && tables.includes('Plan B influencers'), tables.join());
  assert.ok(find('columnheader', 'Price').length >= 2, 'the price columns have headers');
  const prices = find('textbox', 'Price per post');
  // The plans come from the roster (its biggest creator against the rest, fitted to the
  // budget): one field per influencer each plan holds as compared.
  const planned = state.comparison.aRows + state.comparison.bRows;
  assert.ok(state.comparison.aRows >= 1 && state.comparison.bRows >= 2, JSON.stringify(state.comparison));
  assert.equal(prices.length, planned, 'one price field per influencer');
  assert.deepEqual(prices.map((node) => text(node.value)).slice(0, 2), ['$5,000', '$100']);
  // Every control the app drew with a name is in the tree.
  const drawnFields = await page.evaluate(() => window.__microreachTest.items.filter((item) => item.flags & 1 << 24).length);
  assert.ok(nodes.filter((node) => text(node.role) === 'textbox').length >= drawnFields - 2, 'every text field');

  // The budget through the tree: focus its node, type into it, leave it.
  await cdp.send('DOM.focus', { backendNodeId: budget.backendDOMNodeId });
  await cdp.send('Input.insertText', { text: '3000' });
  await page.keyboard.press('Tab');
  await waitForState(page, (s) => s.roster.budgetCents === 300000);
  const after = await axTree(page);
  const updated = after.nodes.find((node) => text(node.role) === 'textbox' && text(node.name) === 'Budget');
  assert.equal(text(updated?.value), '$3,000', 'the tree shows the committed value');
  assert.deepEqual(record.consoleErrors.filter((m) => /aria-hidden/.test(m)), []);
  await context.close();
});

for (const theme of ['light', 'dark']) {
  test(`axe-core finds no violations on any screen, ${theme} theme`, async () => {
    // axe is injected as a script: allowed past the page's CSP for this test only.
    const context = await browser.newContext({ ...desktop, bypassCSP: true });
    const { page } = await openUi(context, `${site.origin}/?theme=${theme}`);
    const problems = [];
    for (const screen of screens) {
      await showScreen(page, screen);
      await waitIdle(page);
      // A button's name says what it does ("Remove post 2"), not its symbol ("x").
      const { cdp, nodes } = await axTree(page);
      const cryptic = nodes.filter((node) => text(node.role) === 'button' && /^[^A-Za-z]*$/.test(text(node.name).trim()));
      for (const node of cryptic) problems.push(`${screen}: a button named "${text(node.name)}"`);
      await cdp.detach();
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        problems.push(`${screen}: ${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.html.slice(0, 160)}`);
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
