import type { Figure } from './context.js';

function num(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '–';
  if (unit === '/s') return v >= 100 ? v.toFixed(0) : v.toFixed(1);
  if (unit === 's') return v.toFixed(2);
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export interface Row {
  figure: string;
  what: string;
  median: string;
  p95: string;
  limit: string;
  ratio: string;
  goal: string;
  result: string;
}

export function rows(figures: Figure[]): Row[] {
  return figures.map((f) => {
    const m = f.measured;
    const l = f.limit?.measured;
    const unit = f.unit;
    const median = !m ? '–' : 'p95' in m ? `${num(m.median, unit)} ${unit}` : `${num(m.value, unit)} ${unit}`;
    const p95 = !m ? '–' : 'p95' in m ? `${num(m.p95, unit)} ${unit}` : '';
    const limit = !l
      ? '–'
      : 'p95' in l
        ? `${num(l.median, unit)} / ${num(l.p95, unit)} ${unit}`
        : `${num(l.value, unit)} ${unit}`;
    return {
      figure: f.id,
      what: f.title,
      median,
      p95,
      limit,
      ratio: f.ratio === undefined || !Number.isFinite(f.ratio) ? '–' : `${f.ratio.toFixed(2)}x`,
      goal: f.goal,
      result: !f.available ? 'n/a' : f.pass ? 'pass' : 'FAIL',
    };
  });
}

const HEAD: Row = {
  figure: '#',
  what: 'figure',
  median: 'median',
  p95: 'p95',
  limit: 'limit (median / p95)',
  ratio: 'ratio',
  goal: 'goal',
  result: 'result',
};

export function textTable(figures: Figure[]): string {
  const all = [HEAD, ...rows(figures)];
  const keys = Object.keys(HEAD) as (keyof Row)[];
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => r[k].length))])) as Record<
    keyof Row,
    number
  >;
  const line = (r: Row) =>
    keys
      .map((k) => r[k].padEnd(width[k]))
      .join('  ')
      .trimEnd();
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.id}: ${f.note}`);
  return [
    line(HEAD),
    keys.map((k) => '-'.repeat(width[k])).join('  '),
    ...all.slice(1).map(line),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

export function markdownTable(figures: Figure[]): string {
  const keys = Object.keys(HEAD) as (keyof Row)[];
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${keys.map((k) => HEAD[k]).join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows(figures).map((r) => `| ${keys.map((k) => esc(r[k])).join(' | ')} |`),
    ...figures.filter((f) => f.note).map((f) => `\n- ${f.id}: ${esc(f.note!)}`),
  ].join('\n');
}
