import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig, processEnv } from './config/config.js';
import { preflight } from './preflight.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(processEnv());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const problem = await preflight(config.database.url, config.redis.url);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(3);
  }
  const { app, migrated } = await createApp(config);
  if (migrated.length)
    process.stdout.write(
      `${JSON.stringify({ level: 'info', msg: 'migrations applied', migrations: migrated })}\n`,
    );
  if (config.roles.includes('api')) {
    await app.listen({ port: config.http.port, host: config.http.host });
    process.stdout.write(
      `${JSON.stringify({ level: 'info', msg: 'listening', url: config.http.appUrl, roles: config.roles })}\n`,
    );
  } else {
    // No api here; with HEALTH_PORT the process still answers /health/live and /health/ready (only those).
    if (config.worker.healthPort)
      await app.listen({ port: config.worker.healthPort, host: config.http.host });
    process.stdout.write(
      `${JSON.stringify({ level: 'info', msg: 'worker running', roles: config.roles, healthPort: config.worker.healthPort })}\n`,
    );
  }
}

main().catch((e: Error) => {
  process.stderr.write(`Startup failed: ${e.message}\n`);
  process.exit(1);
});
