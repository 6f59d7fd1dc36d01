import { formatMinutes } from '../../common/money.js';
import { DataList, Heading, P, Select, TextField } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { LESSON_MODES } from '../contracts.dto.js';
import type { ContractView } from './contract-detail.data.js';
import { type FormOnPage, labelled, RecordForm, Section, TableOrNone } from './parts.js';

/** Lessons shown on the contract page; the ledger may hold thousands (the API returns them all). */
export const LESSONS_SHOWN = 50;

/** The lessons: the latest ones, the exemption hours they count for, and a form to record one. */
export function LessonsSection({ m, x, form }: { m: Messages; x: ContractView; form?: FormOnPage }) {
  const ct = m.contracts;
  const d = ct.detail;
  const lang = m.lang as 'nl' | 'en';
  const s = x.lessonsSummary;
  const h = x.exemptionHours;
  const of = (countable: number, norm: number) =>
    `${formatMinutes(countable, lang)} / ${formatMinutes(norm, lang)}`;
  return (
    <Section id="lessons" title={d.lessonsTitle}>
      {s.count ? (
        <>
          <P>
            {d.lessonsSummary(
              s.count,
              formatMinutes(s.totalMinutes, lang),
              formatMinutes(s.classroomMinutes, lang),
              formatMinutes(s.onlineMinutes, lang),
            )}
          </P>
          {s.count > LESSONS_SHOWN ? <P>{d.lessonsShown(LESSONS_SHOWN, s.count)}</P> : null}
        </>
      ) : null}
      <TableOrNone
        caption={d.lessonsTitle}
        head={[d.date, d.minutes, d.mode]}
        rows={x.lessons
          .slice(-LESSONS_SHOWN)
          .reverse()
          .map((l) => [formatDate(l.date, m), String(l.minutes), ct.modes[l.mode] ?? l.mode])}
        none={d.lessonsNone}
      />
      <Heading level={3}>{d.exemptionTitle}</Heading>
      <DataList
        items={[
          [d.onaCountable, of(h.onaCountableMinutes, h.onaNormMinutes)],
          [d.languageCountable, of(h.languageCountableMinutes, h.languageNormMinutes)],
          [d.notCounted, formatMinutes(h.notCountedMinutes, lang)],
        ]}
      />
      <RecordForm form={form} at={`${x.id}/lessons`} button={d.addLessonButton} title={d.addLesson}>
        {(f) => (
          <>
            <TextField {...f.field('lessonDate', d.date)} type="date" required />
            <TextField {...f.field('lessonMinutes', d.lessonMinutes)} inputMode="numeric" required />
            <Select
              {...f.field('lessonMode', d.lessonMode, 'classroom')}
              options={labelled(LESSON_MODES, ct.modes)}
            />
          </>
        )}
      </RecordForm>
    </Section>
  );
}
