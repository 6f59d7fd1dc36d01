import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { options, runBench } from '../../bench/bench.js';
import { PG_ADMIN_URL } from '../support/env.js';

/**
 * The benchmark's small version (20,000 cases), so it never rots. It checks that every figure
 * is produced, never how fast: timings on a shared CI machine are too noisy to gate on.
 */
describe('npm run bench -- --smoke', () => {
  it('produces every figure, as a table, JSON and Markdown', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bow-bench-'));
    try {
      const lines: string[] = [];
      const result = await runBench({
        ...options(['--smoke', '--out', out, '--pg', PG_ADMIN_URL]),
        log: (m) => lines.push(m),
      });
      const ids = result.figures.map((f) => f.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          '1a',
          '1b',
          '1c',
          '1d',
          '2a',
          '2b',
          '2c',
          '2d',
          '2e',
          '3',
          '4',
          '5',
          '6',
          '7',
          '8',
        ]),
      );
      for (const f of result.figures) {
        // A figure is either measured against its limit, or says why it is not available yet.
        if (!f.available) {
          expect(f.note).toMatch(/^not available/);
          continue;
        }
        expect(f.note ?? '').not.toMatch(/^error/);
        expect(f.measured).toBeDefined();
        expect(f.limit?.measured).toBeDefined();
        expect(Number.isFinite(f.ratio)).toBe(true);
        expect(typeof f.pass).toBe('boolean');
      }
      const json = JSON.parse(readFileSync(result.files[0], 'utf8'));
      expect(json.figures).toHaveLength(result.figures.length);
      expect(readFileSync(result.files[1], 'utf8')).toContain('| # | figure |');
      expect(lines.join('\n')).toContain('result');
      expect(result.seed.cases).toBe(20_000);
      expect(result.countsConsistent).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
