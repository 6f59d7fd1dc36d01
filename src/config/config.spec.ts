import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has safe development defaults', () => {
    const c = loadConfig({});
    expect(c.roles).toEqual(['api', 'worker']);
    expect(c.http.port).toBe(3000);
    expect(c.deadlines.rollOver).toBe(true);
    expect(c.worker.stallSeconds).toBe(60);
    expect(c.auth.schoolLinkDays).toBe(120);
  });

  it('names the bad setting in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      new ConfigError('Setting PORT is invalid: Invalid input: expected number, received NaN'),
    );
    expect(() => loadConfig({ APP_ROLES: 'api,cron' })).toThrow(
      /^Setting APP_ROLES is invalid: unknown role "cron"/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^Setting DATABASE_URL is invalid/);
  });

  it('requires the connection settings and a real secret in production', () => {
    const prod = {
      NODE_ENV: 'production',
      APP_URL: 'https://klachten.example',
      DATABASE_URL: 'postgres://a/b',
      REDIS_URL: 'redis://r',
      SMTP_URL: 'smtp://s',
      SESSION_SECRET: 'x'.repeat(40),
    };
    expect(loadConfig(prod).env).toBe('production');
    expect(() => loadConfig({ ...prod, SMTP_URL: undefined })).toThrow(
      'Setting SMTP_URL is missing (required when NODE_ENV=production)',
    );
    expect(() => loadConfig({ ...prod, APP_URL: undefined })).toThrow(/^Setting APP_URL is missing/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '1' })).toThrow(/^Setting DATABASE_POOL_SIZE is invalid/);
    expect(() => loadConfig({ ...prod, SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET is invalid: must be at least 32 characters/,
    );
    expect(() =>
      loadConfig({ ...prod, SESSION_SECRET: 'development-only-secret-change-me-0123456789' }),
    ).toThrow(/development secret/);
  });

  it('reads roles and booleans', () => {
    expect(loadConfig({ APP_ROLES: 'worker' }).roles).toEqual(['worker']);
    expect(loadConfig({ DEADLINE_ROLL_OVER: 'false' }).deadlines.rollOver).toBe(false);
    expect(loadConfig({ WORKER_STALL_SECONDS: '5' }).worker.stallSeconds).toBe(5);
    expect(loadConfig({}).worker.healthPort).toBeNull();
    expect(loadConfig({}).worker.lockSeconds).toBe(30);
    expect(loadConfig({ WORKER_LOCK_SECONDS: '10' }).worker.lockSeconds).toBe(10);
    expect(loadConfig({ HEALTH_PORT: '3001' }).worker.healthPort).toBe(3001);
    expect(() => loadConfig({ HEALTH_PORT: '0' })).toThrow(/^Setting HEALTH_PORT is invalid/);
  });
});
