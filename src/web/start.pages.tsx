import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow, can } from '../auth/policy.js';
import { CaseListRepository } from '../cases/case-list.repository.js';
import { addDays } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { CaseCountsRepository } from '../cases/case-counts.repository.js';
import type { ListItem } from '../cases/cases.repository.js';
import { Heading, Link, P } from './components.js';
import { CaseTable, consoleContext, Section, sendConsolePage, TableOrNone } from './console.views.js';
import type { Messages } from './i18n.js';
import { Pages } from './pages.decorator.js';

interface StartFigures {
  today: string;
  mine: ListItem[];
  overdue: ListItem[];
  dueSoon: ListItem[];
  perStatus: { status: string; n: number }[];
  breaches: { schoolId: string; schoolName: string; n: number }[];
}

/** The start page of whoever reads cases: their own, the overdue and the due soon; the figures beside. */
function StartView({ m, f }: { m: Messages; f: StartFigures }) {
  const d = m.console.dashboard;
  const lists = [
    ['mine', d.myCases, f.mine],
    ['overdue', d.overdue, f.overdue],
    ['due-soon', d.dueSoon, f.dueSoon],
  ] as const;
  const figures: [string, string, string[], ComponentChildren[][]][] = [
    [
      'per-status',
      d.perStatus,
      [m.console.list.status, d.count],
      f.perStatus.map((r) => [
        <Link href={`/console/cases?status=${r.status}`}>{m.console.statuses[r.status] ?? r.status}</Link>,
        String(r.n),
      ]),
    ],
    [
      'per-school',
      d.perSchool,
      [m.console.list.school, d.breaches],
      f.breaches.map((r) => [
        <Link href={`/console/schools/${r.schoolId}`}>{r.schoolName}</Link>,
        String(r.n),
      ]),
    ],
  ];
  return (
    <>
      <Heading level={1}>{d.title}</Heading>
      {lists.map(([id, title, items]) => (
        <Section id={id} title={title}>
          <CaseTable m={m} items={items} caption={title} today={f.today} hideCaption />
        </Section>
      ))}
      <div class="bow-card-grid">
        {figures.map(([id, title, head, rows]) => (
          <Section id={id} title={title}>
            <TableOrNone caption={title} head={head} none={d.noCases} rows={rows} />
          </Section>
        ))}
      </div>
      <P>
        <Link href="/console/cases">{d.allCases}</Link>
      </P>
    </>
  );
}

/** The console's start page; staff who read no cases (finance, admin) see only the menu. */
@Pages('console')
export class StartPagesController {
  constructor(
    private readonly lists: CaseListRepository,
    private readonly counts: CaseCountsRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('session.self')
  async start(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const d = c.m.console.dashboard;
    if (!can(c.user.roles, 'case.read')) {
      return sendConsolePage(req, reply, c, d.title, 'start', <Heading level={1}>{d.title}</Heading>);
    }
    const today = this.clock.today();
    const [mine, dueSoon, overdue, perStatus, breaches] = await Promise.all([
      this.lists.myCases(c.user.id),
      this.lists.dueBetween(c.user, today, addDays(today, 7)),
      this.lists.overdue(c.user, today),
      this.counts.perStatus(),
      this.lists.schoolBreaches(today),
    ]);
    const figures = { today, mine, overdue, dueSoon, perStatus, breaches };
    sendConsolePage(req, reply, c, d.title, 'start', <StartView m={c.m} f={figures} />);
  }
}
