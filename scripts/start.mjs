// `npm start`: build the web UI when its sources changed, then run the server from the TypeScript sources.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const webSource = path.join(root, 'src/web');
// The web app also bundles the pure packages and the vocabulary both sides share.
const sharedSources = [
  webSource,
  ...['programme-core', 'vocabulary'].map((name) => path.join(root, 'src', name)),
];
const webIndex = path.join(root, 'dist/web/index.html');

function newestChange(directory) {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const newestSource = Math.max(...sharedSources.map(newestChange));
if (!fs.existsSync(webIndex) || newestSource > fs.statSync(webIndex).mtimeMs) {
  process.stdout.write('Building the web UI (first start, or its sources changed)…\n');
  const { build } = await import('vite');
  // Vite sets NODE_ENV=production when it is unset; the server that starts next must not inherit that.
  const nodeEnv = process.env.NODE_ENV;
  await build({ configFile: path.join(webSource, 'vite.config.ts'), logLevel: 'warn' });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/server/main.ts');
