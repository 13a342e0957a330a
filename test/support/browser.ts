import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { ROOT } from './server-process';

/** Debian's Chromium (`.ci/run` installs the `chromium` package when it is missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, as root, on a machine without internet: without the background-networking flags Chromium keeps
 * trying Google's hosts and its connections are refused many at a time.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** A new tab whose console errors and page errors are collected in `problems`. */
  page(): Promise<Page>;
  problems: string[];
  close(): Promise<void>;
}

/** Chromium driven by playwright-core, with a fresh user-data-dir that close() removes. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'papercups-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const problems: string[] = [];
  return {
    context,
    problems,
    async page() {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface StaticFile {
  type: string;
  body: string | Buffer;
}

/** A customer's website: a plain HTTP server on its own port (so its own origin) serving the given files. */
export async function serveSite(
  files: Record<string, StaticFile>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://site').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The unchanged widget SDK as npm ships it: `@papercups-io/browser`'s ES module build, which bundles its
 * phoenix client and axios, so a page imports it as is.
 */
export const papercupsSdk = (): StaticFile => ({
  type: 'text/javascript',
  body: readFileSync(join(ROOT, 'node_modules/@papercups-io/browser/dist/index.es.js')),
});
