import { describe, expect, it } from '@jest/globals';
import { mayDrop, runStartedAt, STALE_AFTER_MS } from '../support/global-setup.js';

/** Two suites on one machine must not drop each other's databases (global set-up and tear-down). */
describe('which leftover test databases a run drops', () => {
  const now = Date.UTC(2026, 11, 4, 12, 0);
  const run = (ms: number) => ms.toString(36);

  it('reads the run start from the name', () => {
    expect(runStartedAt(`bow_t_${run(now)}_db_0a1b2c3d`)).toBe(now);
    expect(runStartedAt('bow_t_0a1b2c3d4e5f')).toBeNull();
    expect(runStartedAt('bow_demo')).toBeNull();
    expect(runStartedAt('bow_t_drill6_0a1b2c3d')).toBeNull(); // a name of the old scheme
  });

  it("drops its own run's databases at once", () => {
    expect(mayDrop(`bow_t_${run(now)}_template`, now, run(now))).toBe(true);
  });

  it("keeps another run's databases until they are hours old", () => {
    const other = run(now - 60_000);
    expect(mayDrop(`bow_t_${other}_drill6_12345678`, now, run(now))).toBe(false);
    expect(mayDrop(`bow_t_${other}_drill6_12345678`, now)).toBe(false);
    expect(mayDrop(`bow_t_${run(now - STALE_AFTER_MS - 1)}_db_12345678`, now)).toBe(true);
  });

  it('never drops a database it cannot date', () => {
    expect(mayDrop('bow_t_0a1b2c3d4e5f', now)).toBe(false);
    expect(mayDrop('bow', now)).toBe(false);
  });
});
