#!/usr/bin/env node
// The `sentry-graphql` command. Installed from the package, it runs the compiled CLI in dist/
// (no tsx at run time). In a checkout of the sources (src/ beside dist/), it runs the sources
// through tsx instead, so that what runs is always what was just edited; `npm install` in a
// checkout still builds dist/ (the `prepare` script) for the package and for `npm pack`.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/cli.js'));
}
process.exitCode = await main(process.argv.slice(2));
