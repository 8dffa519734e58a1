import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UserError } from '../src/util/errors.ts';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const cliPath = join(repoRoot, 'bin/xinzhi.js');

/** A fresh folder removed when the test file ends. */
export function tempDir(prefix = 'xinzhi-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, as a user would. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The UserError `run` rejects with; fails the test when it resolves or rejects with anything else. */
export async function userErrorOf(run: () => Promise<unknown>): Promise<UserError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof UserError, String(err));
    return err;
  }
  assert.fail('did not throw');
}
