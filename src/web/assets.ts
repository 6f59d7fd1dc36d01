import { Controller, Get, NotFoundException, OnModuleInit, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Public } from '../auth/policy.js';

const require = createRequire(import.meta.url);

/**
 * The NL Design System CSS (Utrecht components and design tokens) and our own layout CSS,
 * read from disk once at start and served from the app itself: no CDN. (@fastify/static
 * cannot be loaded under Jest ESM, so we serve the few files ourselves, as for Swagger UI.)
 */
const FILES: Record<string, () => string> = {
  'utrecht-tokens.css': () => require.resolve('@utrecht/design-tokens/dist/theme.css'),
  'utrecht-components.css': () => require.resolve('@utrecht/component-library-css'),
  'web.css': () => ownFile('web.css'),
};

/** src/web/assets/web.css, found both from src (tests) and from dist/src (the build does not copy CSS). */
function ownFile(name: string): string {
  const candidates = [
    new URL(`./assets/${name}`, import.meta.url),
    new URL(`../../../src/web/assets/${name}`, import.meta.url),
  ];
  const found = candidates.map((u) => fileURLToPath(u)).find((p) => existsSync(p));
  if (!found) throw new Error(`web asset ${name} not found`);
  return found;
}

export const ASSET_URLS = {
  styles: ['/assets/utrecht-tokens.css', '/assets/utrecht-components.css', '/assets/web.css'],
};

@ApiExcludeController()
@Controller('assets')
@Public()
export class AssetsController implements OnModuleInit {
  private readonly files = new Map<string, { body: Buffer; etag: string }>();

  async onModuleInit(): Promise<void> {
    for (const [name, locate] of Object.entries(FILES)) {
      const body = await readFile(locate());
      this.files.set(name, {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
      });
    }
  }

  @Get(':file')
  serve(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = this.files.get(file);
    if (!asset) throw new NotFoundException();
    const type = file.endsWith('.css') ? 'text/css; charset=utf-8' : 'application/octet-stream';
    if (reply.request.headers['if-none-match'] === asset.etag) {
      void reply.code(304).header('etag', asset.etag).send();
      return;
    }
    void reply
      .type(type)
      .header('cache-control', 'public, max-age=3600')
      .header('etag', asset.etag)
      .send(asset.body);
  }
}
