#!/usr/bin/env node
// Runs Stryker on each named module (all of scripts/mutationModules.mjs when none is named), one after
// another, and prints each module's mutation score from its JSON report: killed and timed-out mutants
// over all mutants that compiled. Usage: npm run test:mutation [-- crawl/address render ...]
// Add --scores to print the table from the last reports without running anything.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mutationModules } from './mutationModules.mjs';

const args = process.argv.slice(2);
const scoresOnly = args.includes('--scores');
const named = args.filter((a) => !a.startsWith('--'));
for (const name of named) {
  if (!mutationModules[name]) {
    console.error(`test:mutation: no module ${name}; known: ${Object.keys(mutationModules).join(', ')}`);
    process.exit(2);
  }
}
const modules = named.length > 0 ? named : Object.keys(mutationModules);
const reportOf = (name) => `reports/mutation/${name.replace(/\//g, '-')}.json`;

if (!scoresOnly) {
  for (const name of modules) {
    console.log(`\n== ${name} ==`);
    const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, XINZHI_MUTATE: name } });
    if (run.status !== 0) {
      console.error(`test:mutation: stryker failed on ${name} (exit ${run.status})`);
      process.exit(1);
    }
  }
}

const counted = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];
const rows = [];
let below = 0;
for (const name of modules) {
  if (!existsSync(reportOf(name))) {
    rows.push([name, '-', '-', '-', '-', 'no report']);
    continue;
  }
  const report = JSON.parse(readFileSync(reportOf(name), 'utf8'));
  const tally = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) if (counted.includes(mutant.status)) tally[mutant.status] += 1;
  }
  const total = counted.reduce((sum, status) => sum + tally[status], 0);
  const score = total === 0 ? 100 : (100 * (tally.Killed + tally.Timeout)) / total;
  if (score < 80) below += 1;
  rows.push([name, String(total), String(tally.Killed + tally.Timeout), String(tally.Survived), String(tally.NoCoverage), `${score.toFixed(1)} %`]);
}
console.log('\n| module | mutants | killed | survived | no coverage | score |\n|---|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
process.exit(below > 0 ? 1 : 0);
