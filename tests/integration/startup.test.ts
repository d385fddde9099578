import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'app/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('starting the app', () => {
  it('refuses to start in production without credentials, naming what is missing', async () => {
    const result = await runMain({ NODE_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Trust Communities cannot start.');
    expect(result.stderr).toContain('MICROSOFT_APP_ID is required in production');
    expect(result.stderr).toContain('GRAPH_CLIENT_SECRET is required in production');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says plainly when the database cannot be reached', async () => {
    const result = await runMain({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('the database refused the connection');
  });
});
