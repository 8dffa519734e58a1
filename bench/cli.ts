/**
 * npm run bench:cli — how long `xinzhi --help` and `xinzhi --version` take to answer, the compiled CLI
 * (dist/, what bin/xinzhi.js runs after `npm run build`) beside the TypeScript sources through tsx (what it
 * runs when src/ changed since the build), in one run, interleaved so both see the same machine load.
 * Prints the median and the slowest of each, and the machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 15;

if (!existsSync(`${root}dist/cli/main.js`)) execFileSync(process.execPath, [`${root}scripts/build.mjs`], { stdio: 'inherit' });

/** How each variant starts the CLI: the compiled module, or the sources through tsx. */
const variants: Record<string, string[]> = {
  'dist (compiled)': ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(`${root}dist/cli/main.js`)}); process.exitCode = await main(process.argv.slice(1));`],
  'src via tsx': ['--import', 'tsx', '--input-type=module', '-e', `const { main } = await import(${JSON.stringify(`${root}src/cli/main.ts`)}); process.exitCode = await main(process.argv.slice(1));`],
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`bench:cli · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · load ${loadavg()[0]!.toFixed(2)} · ${ROUNDS} rounds`);
for (const args of [['--help'], ['--version']]) {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, nodeArgs] of Object.entries(variants)) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [...nodeArgs, '--', ...args], { cwd: root, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${name} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      times[name]!.push(performance.now() - started);
    }
  }
  for (const [name, ms] of Object.entries(times)) {
    console.log(`  xinzhi ${args.join(' ').padEnd(9)}  ${name.padEnd(16)}  median ${median(ms).toFixed(0).padStart(5)} ms   slowest ${Math.max(...ms).toFixed(0).padStart(5)} ms`);
  }
}
