import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * The development mailbox for the quick start: an SMTP server on 127.0.0.1:1025 that keeps
 * every message as an .eml file in tmp/mailbox/ and prints one line per message.
 * Not for production (use a real SMTP server there; docker-compose ships Mailpit).
 */
const port = Number(process.argv[2] ?? 1025);
const dir = path.resolve('tmp/mailbox');
mkdirSync(dir, { recursive: true });
let n = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const mail = await simpleParser(raw);
      n += 1;
      const file = path.join(dir, `${Date.now()}-${n}.eml`);
      writeFileSync(file, raw);
      const to = Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? '');
      console.log(`[mailbox] to ${to}: ${mail.subject} -> ${path.relative(process.cwd(), file)}`);
      callback();
    });
  },
});
server.on('error', (e: Error) => {
  console.error(
    `[mailbox] ${e.message} (is something else on port ${port}? Then that server gets the mail.)`,
  );
});
server.listen(port, '127.0.0.1', () =>
  console.log(`[mailbox] development mailbox on smtp://127.0.0.1:${port}, saving to ${dir}`),
);
