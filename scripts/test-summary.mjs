// Sums the JUnit XML files the test suites wrote and prints "N passed, N failed".
// Exits non-zero when anything failed or no test ran at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
const decodeEntities = (text) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, entity) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[entity]);
let passed = 0;
let failed = 0;
const failures = [];
for (const file of readdirSync(folder).filter((name) => name.endsWith('.xml')).sort()) {
  const xml = readFileSync(join(folder, file), 'utf8');
  // Each <testcase ...> either closes at once (passed) or holds a <failure>/<error>.
  // Attribute values may hold a raw ">" (a test named after an <iframe>): skip quoted text.
  const cases = xml.match(/<testcase\b(?:[^>"]|"[^"]*")*?(\/>|>[\s\S]*?<\/testcase>)/g) || [];
  for (const testCase of cases) {
    const name = decodeEntities((testCase.match(/\bname="([^"]*)"/) || [])[1] || '?');
    if (/<skipped\b/.test(testCase) && !/<failure\b|<error\b/.test(testCase)) continue;
    if (/<failure\b|<error\b/.test(testCase) || /status="fail"/.test(testCase)) {
      failed++;
      failures.push(`${file.replace(/\.xml$/, '')}: ${name}`);
    } else {
      passed++;
    }
  }
}
if (failures.length) console.log(`Failed:\n  ${failures.join('\n  ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
