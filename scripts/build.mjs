// npm run build: compiles src/ to dist/ (tsconfig.build.json), copies the files the code reads beside
// itself (the Typst template), and stamps the build so bin/xinzhi.js knows dist/ is as new as src/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (!existsSync(tsc)) {
  // An install without the dev tools (npm install --omit=dev): bin/xinzhi.js runs the sources through tsx.
  console.log('build: TypeScript is not installed; bin/xinzhi.js will run src/ through tsx');
  process.exit(0);
}
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(dist, relative(src, from));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}\n`);
