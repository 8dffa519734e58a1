#!/usr/bin/env node
// Runs the compiled CLI (dist/, made by `npm run build`, which `npm install` runs). In a checkout whose
// sources changed since the last build, it runs the TypeScript sources through tsx instead, so what runs
// is always what is in src/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = `${root}dist/.built`;

/** Whether dist/ was built after every file of src/ last changed (true when there is no src/, as in a package). */
function builtIsCurrent() {
  if (!existsSync(`${root}src`)) return true;
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return readdirSync(`${root}src`, { recursive: true }).every((file) => statSync(`${root}src/${file}`).mtimeMs <= built);
}

// Output piped into `head` closes early: that is the reader's choice, not a failure.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
let main;
if (builtIsCurrent()) ({ main } = await import('../dist/cli/main.js'));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
