/**
 * GraphiQL as a newcomer meets it after `npm start`: Debian's Chromium (driven by
 * playwright-core, no browser download) opens the gateway's page, runs the example query with
 * the pre-filled demo token, and sees data.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/main.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('GraphiQL', () => {
  it('runs the example query with the demo token and shows data', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
      );
    }
    await using server = await startServer({ port: 0, host: '127.0.0.1', scale: 'small' });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage();
      const offline: string[] = [];
      page.on('requestfailed', (request) => offline.push(request.url()));
      await page.goto(server.url);
      const run = page.locator('.graphiql-execute-button');
      await run.waitFor({ timeout: 30_000 });
      // Monaco renders spaces as no-break spaces and numbers its lines: compare words only.
      const textOf = async (selector: string) =>
        (await page.locator(selector).innerText()).replace(/\s+/g, ' ');
      // The editor shows the example query before anything runs.
      await expect
        .poll(() => textOf('.graphiql-query-editor'), { timeout: 30_000 })
        .toContain('query Dashboard');
      await run.click();
      await expect
        .poll(() => textOf('.graphiql-response'), { timeout: 30_000 })
        .toContain('"slug": "acme"');
      const text = await textOf('.graphiql-response');
      expect(text).toContain('"organizations"');
      expect(text).toContain('"shortId"');
      expect(text).not.toContain('"errors"');
      expect(offline.filter((url) => url.startsWith(new URL(server.url).origin))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
