import { CaseCountsRepository } from '../src/cases/case-counts.repository.js';
import { captureSql, replay, type Bench, type Figure, type RunningApp } from './context.js';
import { HttpClient, sample, samplePair, summarize, type Latency } from './measure.js';
import { wordAt } from './seed.js';

const cursorOf = (due: string, id: string) => Buffer.from(`${due}|${id}`).toString('base64url');

function iterations(b: Bench) {
  return { n: b.opts.iterations, warmup: Math.max(3, Math.round(b.opts.iterations / 10)) };
}

async function expectOk(client: HttpClient, path: string): Promise<string> {
  const r = await client.get(path);
  if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${r.body.slice(0, 300)}`);
  return r.body;
}

/** Figure 1: lists and a case with its timeline, through the API vs the same SQL through raw pg. */
export async function listFigures(b: Bench, api: RunningApp, staff: HttpClient): Promise<Figure[]> {
  const { n, warmup } = iterations(b);
  const jurist = b.ids.jurist;
  const [{ count: closedCount }] = (
    await b.raw.query(
      `SELECT count(*)::int AS count FROM cases WHERE type = 'complaint' AND status = 'closed' AND assignee_id = $1`,
      [jurist],
    )
  ).rows;
  const depth = Math.min(20_000, Math.floor(closedCount * 0.8));
  const [deep] = (
    await b.raw.query(
      `SELECT to_char(next_due_on, 'YYYY-MM-DD') AS due, id FROM cases WHERE type = 'complaint' AND status = 'closed' AND assignee_id = $1
       ORDER BY next_due_on, id OFFSET $2 LIMIT 1`,
      [jurist, depth],
    )
  ).rows;
  const [one] = (
    await b.raw.query(
      `SELECT reference FROM cases WHERE type = 'complaint' AND status = 'closed' AND assignee_id = $2 ORDER BY id LIMIT 1 OFFSET $1`,
      [Math.floor(closedCount / 2), jurist],
    )
  ).rows;
  const cases: { id: string; title: string; path: string; details: Record<string, unknown> }[] = [
    {
      id: '1a',
      title: 'list: open work (status under_review, one assignee), first page of 50',
      path: `/api/complaints?status=under_review&assigneeId=${jurist}&limit=50`,
      details: {},
    },
    {
      id: '1b',
      title: 'list: archive (status closed, one assignee), first page of 50',
      path: `/api/complaints?status=closed&assigneeId=${jurist}&limit=50`,
      details: { matching: closedCount },
    },
    {
      id: '1c',
      title: `list: archive, keyset page ${depth.toLocaleString('en')} rows deep`,
      path: `/api/complaints?status=closed&assigneeId=${jurist}&limit=50&cursor=${deep ? cursorOf(deep.due, deep.id) : ''}`,
      details: { depth },
    },
    {
      id: '1d',
      title: 'a case with its timeline (10 events), deadlines and emails',
      path: `/api/complaints/${one.reference}`,
      details: { reference: one.reference },
    },
  ];
  const out: Figure[] = [];
  for (const c of cases) {
    await expectOk(staff, c.path);
    const statements = await captureSql(api.dataSource, () => expectOk(staff, c.path));
    const [viaApi, viaPg] = await samplePair(
      n,
      warmup,
      () => staff.get(c.path),
      () => replay(b.raw, statements),
    );
    const ratio = viaApi.p95 / viaPg.p95;
    out.push({
      id: c.id,
      title: c.title,
      unit: 'ms',
      measured: viaApi,
      limit: { what: `the same ${statements.length} SQL statements through raw pg`, measured: viaPg },
      ratio,
      goal: 'p95 ≤ 2x raw SQL',
      pass: ratio <= 2,
      available: true,
      details: { ...c.details, statements: statements.map((s) => s.sql.replace(/\s+/g, ' ').slice(0, 160)) },
    });
  }
  return out;
}

export const SEARCH_WORDS: { kind: string; rank: number }[] = [
  { kind: 'very common', rank: 1 },
  { kind: 'common', rank: 20 },
  { kind: 'medium', rank: 300 },
  { kind: 'uncommon', rank: 3_000 },
  { kind: 'rare', rank: 30_000 },
];

/** Figure 2: full-text search, sorted by deadline, first page of 50, for words from very common to rare. */
export async function searchFigures(b: Bench, api: RunningApp, staff: HttpClient): Promise<Figure[]> {
  const { n, warmup } = iterations(b);
  const out: Figure[] = [];
  for (const w of SEARCH_WORDS) {
    const word = wordAt(w.rank);
    const path = `/api/complaints?q=${encodeURIComponent(word)}&limit=50`;
    const first = JSON.parse(await expectOk(staff, path));
    const [{ matches }] = (
      await b.raw.query(
        `SELECT count(*)::int AS matches FROM cases WHERE type = 'complaint' AND search @@ websearch_to_tsquery('simple', $1)`,
        [word],
      )
    ).rows;
    // The search must give exactly the naive query's page.
    const naiveSql = `SELECT c.id FROM cases c WHERE c.type = 'complaint' AND c.search @@ websearch_to_tsquery('simple', $1)
      ORDER BY c.next_due_on, c.id LIMIT 51`;
    await b.raw.query(`SET statement_timeout = '30s'`);
    const naive = await sample(b.opts.smoke ? 2 : 3, 1, () => b.raw.query(naiveSql, [word])).catch(
      () => null,
    );
    const expected = (
      await b.raw.query(naiveSql, [word]).catch(() => ({ rows: [] as { id: string }[] }))
    ).rows
      .slice(0, 50)
      .map((r) => r.id);
    // Both plan shapes forced, for every word: the data behind the choice in CasesRepository.list.
    const forced = async (sql: string) => {
      const first = await sample(1, 0, () => b.raw.query(sql, [word])).catch(() => null);
      if (!first || first.p95 > 2000) return first ?? 'over 30 s';
      return sample(b.opts.smoke ? 3 : 10, 1, () => b.raw.query(sql, [word]));
    };
    const walk =
      await forced(`SELECT c.id FROM cases c WHERE c.type = 'complaint' AND ts_match_vq(c.search, websearch_to_tsquery('simple', $1))
      ORDER BY c.next_due_on, c.id LIMIT 51`);
    const sorted = await forced(`WITH m AS MATERIALIZED (SELECT c.id, c.next_due_on FROM cases c
      WHERE c.type = 'complaint' AND c.search @@ websearch_to_tsquery('simple', $1)) SELECT id FROM m ORDER BY next_due_on, id LIMIT 51`);
    await b.raw.query(`SET statement_timeout = 0`);
    const same = JSON.stringify(first.items.map((i: { id: string }) => i.id)) === JSON.stringify(expected);
    const statements = await captureSql(api.dataSource, () => expectOk(staff, path));
    const [viaApi, viaPg] = await samplePair(
      n,
      warmup,
      () => staff.get(path),
      () => replay(b.raw, statements),
    );
    const plan = statements.some((s) => s.sql.includes('MATERIALIZED'))
      ? 'sort the matches (GIN)'
      : 'walk the deadline index';
    out.push({
      id: `2${'abcde'[SEARCH_WORDS.indexOf(w)]}`,
      title: `search: ${w.kind} word "${word}" (${matches.toLocaleString('en')} matching cases)`,
      unit: 'ms',
      measured: viaApi,
      limit: { what: 'the same SQL through raw pg', measured: viaPg },
      ratio: viaApi.p95 / 50,
      goal: 'p95 ≤ 50 ms',
      pass: viaApi.p95 <= 50 && same,
      available: true,
      note: same ? undefined : 'page differs from the naive query',
      details: {
        word,
        rank: w.rank,
        matches,
        plan,
        samePageAsNaive: same,
        naiveSortedQuery: naive ?? 'over 30 s',
        forcedWalk: walk,
        forcedSort: sorted,
      },
    });
  }
  return out;
}

/** Figure 4: the start page's counts per stage and per school. */
export async function countFigures(b: Bench, api: RunningApp): Promise<Figure[]> {
  const { n, warmup } = iterations(b);
  const counts = api.app.get(CaseCountsRepository);
  const both = async () => {
    const r = await counts.startPage(20);
    return [r.perStatus, r.perSchool] as const;
  };
  const [viaRepo, roundTrip] = await samplePair(n, warmup, both, () => b.raw.query('SELECT 1'));
  // The same figures counted live, as the start page did before (a few runs only: they are slow),
  // and the console's per-school breaches of the last year (ConsoleRepository.schoolBreaches).
  const live = await sample(b.opts.smoke ? 3 : 5, 1, () =>
    Promise.all([
      b.raw.query(`SELECT status, count(*)::int AS n FROM cases WHERE open GROUP BY status ORDER BY status`),
      b.raw.query(
        `SELECT school_id, count(*)::int AS n FROM cases WHERE open GROUP BY school_id ORDER BY n DESC LIMIT 20`,
      ),
    ]),
  );
  const breaches = await sample(b.opts.smoke ? 3 : 5, 1, () =>
    b.raw.query(
      `SELECT s.id, s.name, count(*)::int AS n FROM deadlines d JOIN cases c ON c.id = d.case_id JOIN schools s ON s.id = c.school_id
       WHERE d.kind = 'school_stage' AND d.due_on >= $1::date - 365
         AND (d.status = 'breached' OR (d.status IN ('running','paused') AND d.due_on < $1))
       GROUP BY s.id, s.name ORDER BY n DESC, s.name LIMIT 20`,
      [b.today],
    ),
  );
  const [statuses, schools] = await both();
  const exact = await b.raw.query(
    `SELECT status, count(*)::int AS n FROM cases WHERE open GROUP BY status ORDER BY status`,
  );
  const same = JSON.stringify(exact.rows) === JSON.stringify(statuses);
  return [
    {
      id: '4',
      title: 'start page: open cases per stage and per school (one round trip)',
      unit: 'ms',
      measured: viaRepo,
      limit: { what: 'one round trip (SELECT 1)', measured: roundTrip },
      ratio: viaRepo.p95 / 5,
      goal: 'p95 ≤ 5 ms',
      pass: viaRepo.p95 <= 5 && same,
      available: true,
      note: same ? undefined : 'counts differ from count(*)',
      details: {
        stages: statuses.length,
        schools: schools.length,
        equalToCountStar: same,
        countedLive: live,
        consoleSchoolBreachesQuery: breaches,
      },
    },
  ];
}

/** Figure 8: the console's case list page, server-rendered, vs the JSON list with the same filters. */
export async function consoleFigure(b: Bench, staff: HttpClient): Promise<Figure[]> {
  const { n, warmup } = iterations(b);
  const filters = `status=under_review&assigneeId=${b.ids.jurist}`;
  const page = `/console/cases?${filters}`;
  const probe = await staff.get(page);
  if (probe.status !== 200 || !/<html/i.test(probe.body)) {
    return [
      {
        id: '8',
        title: 'console case list page, server render',
        unit: 'ms',
        goal: 'p95 ≤ 3x JSON list',
        pass: null,
        available: false,
        note: `not available: GET /console/cases answered ${probe.status}`,
      },
    ];
  }
  const [html, json] = await samplePair(
    n,
    warmup,
    () => staff.get(page),
    () => staff.get(`/api/complaints?${filters}&limit=50`),
  );
  const ratio = html.p95 / json.p95;
  return [
    {
      id: '8',
      title: 'console case list page, server render (same filters as 1a)',
      unit: 'ms',
      measured: html,
      limit: { what: 'the JSON list with the same filters', measured: json },
      ratio,
      goal: 'p95 ≤ 3x JSON list',
      pass: ratio <= 3,
      available: true,
      details: { bytes: probe.body.length },
    },
  ];
}

export function latencyOf(f: Figure): Latency | undefined {
  return f.measured && 'p95' in f.measured ? f.measured : undefined;
}

export { summarize };
