/** What the forms-server tests share: the basic site built once into a folder, a server on loopback, a form's token. */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildSite } from '../../src/build/build-site.ts';
import type { PageChrome } from '../../src/server/render.ts';

/** Builds tests/fixtures/basic-site (web pages only) into `siteDir`; returns the organisation and settings the server needs. */
export async function buildBasicSite(siteDir: string): Promise<PageChrome> {
  const built = await buildSite({
    contentDir: path.resolve('tests/fixtures/basic-site'),
    outputDir: siteDir,
    log: () => {},
    formats: [],
  });
  return { organisation: built.site.organisation, settings: built.site.settings };
}

/** Listens on a free loopback port; returns the server's origin. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** The signed token in a form page. */
export function tokenIn(page: string): string {
  return /name="token" value="([^"]+)"/.exec(page)![1]!;
}
