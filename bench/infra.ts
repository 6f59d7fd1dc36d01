import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A redis-server of the benchmark's own (no persistence), so it can be wiped without touching anyone else's queues. */
export class BenchRedis {
  private proc?: ChildProcess;
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'bow-bench-redis-'));
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.proc = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      if (await canConnect(this.port)) return this;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start (is it installed?)');
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (p && p.exitCode === null) {
      await new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGTERM');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * An SMTP sink on a thread of its own (so it does not share the event loop with the worker under
 * test): accepts every message and counts it, without parsing it.
 */
const SINK = `
const { parentPort } = require('node:worker_threads');
const { SMTPServer } = require('smtp-server');
let received = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, maxClients: 500,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => { received++; callback(); });
  },
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.server.address().port }));
setInterval(() => parentPort.postMessage({ received }), 20).unref();
parentPort.on('message', (m) => { if (m === 'stop') server.close(() => process.exit(0)); });
`;

export class SmtpSink {
  private thread?: Worker;
  received = 0;
  port = 0;

  async start(): Promise<this> {
    const thread = new Worker(SINK, { eval: true });
    this.thread = thread;
    await new Promise<void>((resolve, reject) => {
      thread.on('message', (m: { port?: number; received?: number }) => {
        if (m.port) {
          this.port = m.port;
          resolve();
        }
        if (m.received !== undefined) this.received = m.received;
      });
      thread.once('error', reject);
    });
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  async stop(): Promise<void> {
    const t = this.thread;
    if (!t) return;
    await new Promise<void>((resolve) => {
      t.once('exit', () => resolve());
      t.postMessage('stop');
      setTimeout(() => void t.terminate(), 2000).unref();
    });
  }
}
