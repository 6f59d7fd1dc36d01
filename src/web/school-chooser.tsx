import { Button, ButtonGroup, Notice, RadioGroup, Select, TextField } from './components.js';
import { isUuid } from './forms.js';

/**
 * "Find your school" in a public form without JavaScript: a search field `q` with a search button
 * (`go=search`, the handler renders the form again), then the schools found as `schoolId`, or a
 * notice when none were found (with an empty `schoolId`, so the error summary can still link to it).
 * The form puts `<DefaultSubmit />` first, so Enter in a field sends the form instead of searching.
 */

/** A school as the chooser shows it. */
export interface SchoolOption {
  id: string;
  name: string;
  city: string;
}

/** What the chooser asks of the schools (the SchoolsService), so that the web shell imports no domain. */
export interface SchoolFinder {
  search(q: string | undefined, limit: number): Promise<SchoolOption[]>;
  get(id: string): Promise<SchoolOption>;
}

/**
 * The schools to choose from for the search `q`; the chosen school comes first when the search
 * does not find it, so searching again never drops a choice the student already made.
 */
export async function schoolsToChoose(
  schools: SchoolFinder,
  q: string,
  chosenId: string,
  limit: number,
): Promise<SchoolOption[]> {
  const found = await schools.search(q.trim() || undefined, limit);
  if (!isUuid(chosenId) || found.some((s) => s.id === chosenId)) return found;
  const chosen = await schools.get(chosenId).catch(() => null);
  return chosen ? [chosen, ...found] : found;
}

/** Each form's own words (the DigiD and termination forms' messages have these names). */
export interface SchoolChooserTexts {
  searchLabel: string;
  searchHint?: string;
  searchButton: string;
  /** The legend of the radios, or the label of the select. */
  schoolLabel: string;
  schoolHint?: string;
  noSchools: string;
}

type Chooser =
  /** One radio per school. */
  | { as: 'radios' }
  /** A select that starts with an empty option (`chooseSchool`). */
  | { as: 'select'; chooseSchool: string; required?: boolean };

export function SchoolChooser(
  props: {
    texts: SchoolChooserTexts;
    schools: SchoolOption[];
    q: string;
    /** The chosen school's id. */
    value: string;
    error?: string;
    /** `search` for a search box; a text box when left out. */
    searchType?: 'search';
  } & Chooser,
) {
  const { texts: t, schools, q, value, error } = props;
  const options = schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` }));
  return (
    <>
      <TextField
        id="q"
        type={props.searchType}
        label={t.searchLabel}
        value={q}
        hint={t.searchHint}
        autocomplete="off"
      />
      <ButtonGroup>
        <Button variant="secondary" name="go" value="search">
          {t.searchButton}
        </Button>
      </ButtonGroup>
      {!schools.length ? (
        <>
          <Notice kind="warning">{t.noSchools}</Notice>
          <input type="hidden" name="schoolId" value="" id="schoolId" />
        </>
      ) : props.as === 'radios' ? (
        <RadioGroup
          id="schoolId"
          name="schoolId"
          legend={t.schoolLabel}
          hint={t.schoolHint}
          options={options}
          value={value}
          error={error}
        />
      ) : (
        <Select
          id="schoolId"
          label={t.schoolLabel}
          hint={t.schoolHint}
          value={value}
          options={[{ value: '', label: props.chooseSchool }, ...options]}
          error={error}
          required={props.required}
        />
      )}
    </>
  );
}
