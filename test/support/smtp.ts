import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** When the server accepted it (Date.now()). */
  receivedAt: number;
}

/** A real SMTP server inside the test, receiving what the worker sends. */
export class TestSmtp {
  readonly messages: ReceivedMail[] = [];
  private server!: SMTPServer;
  port = 0;
  /** When set, every message is refused with this SMTP error (to simulate an outage). */
  refuse: string | null = null;
  delayMs = 0;
  /** Each delay is up to this much longer (random), so that connections do not move in lockstep. */
  jitterMs = 0;
  /** Messages dropped because the client hung up before the server answered (see onData). */
  unanswered = 0;
  private gone = new Set<string>();

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose: (session) => {
        this.gone.add(session.id);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.delayMs)
            await new Promise((r) => setTimeout(r, this.delayMs + Math.random() * this.jitterMs));
          if (this.refuse) {
            const err = Object.assign(new Error(this.refuse), { responseCode: 451 });
            callback(err);
            return;
          }
          const parsed = await simpleParser(Buffer.concat(chunks));
          // A server takes responsibility for a message only when it answers 250 (RFC 5321 4.1.1.4);
          // a client that hung up before that answer never got it, so the message is not accepted.
          if (this.gone.has(session.id)) {
            this.unanswered += 1;
            callback(new Error('client gone'));
            return;
          }
          const to = ([] as { value: { address?: string }[] }[])
            .concat((parsed.to as never) ?? [])
            .flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
          this.messages.push({
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            receivedAt: Date.now(),
          });
          callback();
        });
      },
    });
    this.server.on('error', () => undefined); // a client that dies mid-connection (the fault drills kill workers)
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  async waitFor(
    predicate: (m: ReceivedMail[]) => boolean,
    timeoutMs = 15_000,
    what = 'emails',
  ): Promise<ReceivedMail[]> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (predicate(this.messages)) return this.messages;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `timed out waiting for ${what}; received: ${JSON.stringify(this.messages.map((m) => [m.to, m.subject]))}`,
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The private link in an email: the token after /c/. */
export function linkToken(mail: ReceivedMail): string {
  const m = /\/c\/([A-Za-z0-9_-]{20,})/.exec(mail.text);
  if (!m) throw new Error(`no private link in: ${mail.subject}`);
  return m[1];
}

/** The school's private link in an email: the token after /school/. */
export function schoolLinkToken(mail: ReceivedMail): string {
  const m = /\/school\/([A-Za-z0-9_-]{20,})/.exec(mail.text);
  if (!m) throw new Error(`no school link in: ${mail.subject}`);
  return m[1];
}
