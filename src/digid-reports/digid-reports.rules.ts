import { amsterdamInstant, type IsoDate } from '../common/dates.js';
import { REMINDER_HOUR_MINUTES } from '../deadlines/deadlines.rules.js';

/**
 * DigiD misuse reports as pure rules (domain-rules.md section 3).
 *
 *   triage ──start investigation──▶ investigation ⇄ paused
 *     │                                  │
 *     │                                  └──decide (confirmed / not confirmed)──▶ decided ──close──▶ closed
 *     └──refer to the DigiD operator (Logius)──▶ referred ◀── intake: someone other than the school
 *                                                   │
 *                                                   └──reopen as a school report──▶ triage
 *
 * A referred report (status `referred`, outcome `referred`) is not open: it has `closedOn` and
 * retention treats it like every other closed case. A report about someone other than the school
 * is referred at intake (2026-12): it never runs a triage deadline. Staff may reopen a
 * misclassified one as a report about a school; it then gets the triage deadline from that day.
 */
export const DIGID_STATUSES = ['triage', 'investigation', 'paused', 'decided', 'closed', 'referred'] as const;
export type DigidStatus = (typeof DIGID_STATUSES)[number];

/** The school, or someone else (then the DigiD operator handles it). [seed] */
export const SUSPECTED_PARTIES = ['school', 'other'] as const;
export type SuspectedParty = (typeof SUSPECTED_PARTIES)[number];

/** What the student says happened: the school logged in with my DigiD / asked for my DigiD details / approved invoices I did not agree to / other. */
export const WHAT_HAPPENED = ['logged_in', 'asked_details', 'approved_invoices', 'other'] as const;
export type WhatHappened = (typeof WHAT_HAPPENED)[number];

export const DECISION_OUTCOMES = ['confirmed', 'not_confirmed'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DIGID_OUTCOMES = [...DECISION_OUTCOMES, 'referred'] as const;

/** What a confirmed misuse recommends for the school's quality mark; the supervisor acts on it. [decision] */
export const RECOMMENDATIONS = ['warning', 'suspension', 'withdrawal'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const DIGID_ACTIONS = {
  startInvestigation: ['triage'],
  refer: ['triage'],
  reopenAsSchool: ['referred'],
  assign: ['triage', 'investigation', 'paused', 'decided'],
  linkContract: ['triage', 'investigation', 'paused'],
  pause: ['investigation'],
  resume: ['paused'],
  extend: ['investigation', 'paused'],
  decide: ['investigation'],
  close: ['decided'],
  addNote: [...DIGID_STATUSES],
} as const satisfies Record<string, readonly DigidStatus[]>;
export type DigidAction = keyof typeof DIGID_ACTIONS;

export function allowedDigidActions(status: string): DigidAction[] {
  return (Object.keys(DIGID_ACTIONS) as DigidAction[]).filter((a) =>
    (DIGID_ACTIONS[a] as readonly string[]).includes(status),
  );
}

export function isDigidActionAllowed(status: string, action: DigidAction): boolean {
  return (DIGID_ACTIONS[action] as readonly string[]).includes(status);
}

/**
 * Where a new report starts. Misuse by someone other than the school is referred to the DigiD
 * operator at intake: the student is told at once, and no triage deadline runs (the answer's
 * `triageDueOn` is null). (2026-12) [seed points elsewhere; decision on the moment]
 */
export function intakeStatus(suspectedParty: SuspectedParty): 'triage' | 'referred' {
  return suspectedParty === 'other' ? 'referred' : 'triage';
}

/** Triage within 2 working days of receipt. [decision, domain-rules.md section 3] */
export const TRIAGE_WORKING_DAYS = 2;
/** The investigation has the complaint decision's deadline: 6 weeks, rolled over, pause, one extension of at most 4 weeks. [decision] */
export const INVESTIGATION_WEEKS = 6;

export const DEADLINE_KINDS = { triage: 'digid_triage', investigation: 'digid_investigation' } as const;

/**
 * The triage deadline is two working days, so the usual "two working days before" would fire
 * on the day the report arrives. The reminder goes out at 09:00 on the last day instead.
 */
export function triageReminderAt(dueOn: IsoDate): Date {
  return amsterdamInstant(dueOn, REMINDER_HOUR_MINUTES);
}

/** Where misuse by someone other than the school goes, and what the student is told. [seed; decision on recording] */
export const REFERRAL = {
  to: 'Logius (DigiD)',
  helpdeskPhone: '088 123 6555',
  website: 'https://www.digid.nl',
} as const;

/**
 * What the answer to a report referred at intake tells the student at once, in their language:
 * contact the DigiD helpdesk (Logius) and have the DigiD blocked. (2026-12) [decision]
 */
export function referralAdvice(language: string): {
  to: string;
  helpdeskPhone: string;
  website: string;
  advice: string;
} {
  const advice =
    language === 'nl'
      ? `Uw melding gaat over iemand anders dan uw school: Logius, de organisatie achter DigiD, behandelt dit. Bel nu de DigiD-helpdesk (${REFERRAL.helpdeskPhone}) en laat uw DigiD blokkeren. Verander daarna uw wachtwoord op ${REFERRAL.website}.`
      : `Your report is about someone other than your school: Logius, the organisation behind DigiD, handles this. Call the DigiD helpdesk now (${REFERRAL.helpdeskPhone}) and have your DigiD blocked. Then change your password at ${REFERRAL.website}.`;
  return { to: REFERRAL.to, helpdeskPhone: REFERRAL.helpdeskPhone, website: REFERRAL.website, advice };
}

/** A confirmed misuse needs a recommendation on the quality mark; a misuse not confirmed has none. [decision] */
export function decisionCheck(
  outcome: DecisionOutcome,
  recommendation: Recommendation | null | undefined,
): { ok: true } | { ok: false; code: string; message: string } {
  if (outcome === 'confirmed' && !recommendation) {
    return {
      ok: false,
      code: 'recommendation_required',
      message: 'A confirmed misuse needs a recommendation on the quality mark',
    };
  }
  if (outcome === 'not_confirmed' && recommendation) {
    return {
      ok: false,
      code: 'recommendation_not_allowed',
      message: 'Only a confirmed misuse carries a recommendation',
    };
  }
  return { ok: true };
}

// ------------------------------------------------------------------ passwords and SMS codes

/**
 * The product never asks for, stores or logs a DigiD password or SMS code. [decision,
 * domain-rules.md sections 3 and 6] A text that looks like it holds one is refused before
 * anything is stored. What counts:
 * - a password word (wachtwoord, password, ww, pwd, …) followed by `:` or `=` and something
 *   that is not an ordinary word ("wachtwoord: xyz", "ww=Welkom01");
 * - a password word followed by "is"/"was" and something that looks like a secret: it has a
 *   digit or a sign, capitals inside it, or is quoted ("my password is Tulp2024!"). A plain
 *   word is a description, not a password ("mijn wachtwoord is veranderd");
 * - a standalone 6-digit number next to the word code or sms, either side ("sms-code 123456",
 *   "code: 123 456", "123456 was de sms-code"). DigiD's SMS codes have 6 digits. The word
 *   "code" right after factuur/invoice/klant/post/order/… is a number of something else.
 * Invoice numbers, dates, amounts and postcodes on their own never count.
 */
export type CredentialKind = 'password' | 'code';

const PASSWORD_WORD = String.raw`(?:wacht\s?woord(?:je)?|pass?\s?words?|paswoord|passwoord|passwd|pwd)`;
const PASSWORD_ABBREVIATION = String.raw`(?:ww|pw)`;
/** "wachtwoord van mijn DigiD: …", "password (DigiD): …". */
const OF_DIGID = String.raw`(?:\s*\(digid\)|\s+(?:van|voor|of|for)\s+(?:mijn\s+|my\s+)?digid)?`;
const CODE_WORD = String.raw`(?:sms[\s-]?code|smscode|sms|verificatie\s?code|controle\s?code|inlog\s?code|beveiligings\s?code|activerings\s?code|pin\s?code|verification\s?code|security\s?code|login\s?code|activation\s?code|code)`;
/** "factuur code 123456" is the number of something else, not an SMS code. */
const NOT_A_SECRET_CODE = String.raw`(?<!(?:factuur|invoice|contract|klant|klanten|customer|cursus|course|post|postal|zip|order|brin|kvk|btw|vat|school|product|artikel|article|bank|referentie|reference|betalings|payment|kortings|discount|boekings|booking)[\s-]?)`;
/** Six digits standing alone, maybe written "123 456": not part of a longer number, a date, an amount or "F-123456". */
const SIX_DIGITS = String.raw`(?<![\p{L}\p{N}]|[\p{L}\p{N}][.,/-])\d{3}\s?\d{3}(?![\p{L}\p{N}]|[.,/-][\p{L}\p{N}])`;
const QUOTE = String.raw`["'\p{Pi}\p{Pf}]`;
const BEFORE = String.raw`(?:^|[^\p{L}\p{N}])`;
const AFTER = String.raw`(?![\p{L}\p{N}])`;

const SEPARATED = new RegExp(
  String.raw`${BEFORE}(?:${PASSWORD_WORD}|${PASSWORD_ABBREVIATION})${OF_DIGID}\s*(?:is\s*)?[:=]\s*(\S+)([^\n]*)`,
  'giu',
);
const STATED = new RegExp(
  String.raw`${BEFORE}${PASSWORD_WORD}${OF_DIGID}\s+(?:is|was|luidt)\s+(?:nu\s+|now\s+|still\s+|nog\s+)?(${QUOTE}?)(\S+)`,
  'giu',
);
const CODE_THEN_DIGITS = new RegExp(
  String.raw`${BEFORE}${NOT_A_SECRET_CODE}${CODE_WORD}${AFTER}[\s:=#-]*(?:(?:is|was|luidt|were)\s*[:=]?\s*){0,2}${QUOTE}?[(]?${SIX_DIGITS}`,
  'iu',
);
const DIGITS_THEN_CODE = new RegExp(
  String.raw`${SIX_DIGITS}${QUOTE}?[)]?[\s:-]*(?:(?:is|was|als|as|de|the|my|mijn|het|een|a|that|dat)\s+){0,3}[(]?${NOT_A_SECRET_CODE}${CODE_WORD}${AFTER}`,
  'iu',
);

/** Words that describe a password rather than being one ("mijn wachtwoord is veranderd"). */
const ORDINARY = new Set(
  (
    'never nooit none geen niet not no nee unknown onbekend changed veranderd gewijzigd aangepast gestolen stolen ' +
    'bekend known the my mijn het de een a an also ook same hetzelfde used gebruikt weg gone compromised gehackt ' +
    'hacked leaked gelekt reset gereset geblokkeerd blocked correct wrong fout goed with bij in at by door van of ' +
    'from for voor on op te to too now nu still nog al already only alleen safe veilig secret geheim private ' +
    'persoonlijk personal strictly strikt given gegeven shared gedeeld asked gevraagd sent gestuurd verstuurd ' +
    'and en or of but maar was is are zijn were waren made gemaakt new nieuw nieuwe old oud oude different anders ' +
    'ander andere their hun his her haar our ons onze your uw je jouw vergeten forgotten lost kwijt expired verlopen ' +
    'weak zwak strong sterk they zij ze he hij she we wij ik it this dit that dat there er so dus then toen dan ' +
    'which die who wie what wat you u'
  ).split(/\s+/),
);

/** The token without the quotes around it and the punctuation after it. */
function bare(token: string): string {
  return token.replace(/^["'(\p{Pi}\p{Pf}]+/u, '').replace(/["'.,;:!?)\p{Pi}\p{Pf}]+$/u, '');
}

/** "********" is a password hidden, not a password. */
function isMasked(token: string): boolean {
  return /^[*•·.]+$/u.test(token) || /^x{3,}$/iu.test(token);
}

/** A token that looks like a secret: a digit or a sign in it, or a capital inside it. */
function looksSecret(t: string): boolean {
  return /\d/.test(t) || /[^\p{L}\p{N}'-]/u.test(t) || /.\p{Lu}/u.test(t);
}

/** Does this text look like it holds a password or an SMS code? null when it does not. */
export function credentialCheck(input: string): { kind: CredentialKind } | null {
  const text = input.normalize('NFKC');
  for (const m of text.matchAll(SEPARATED)) {
    const t = bare(m[1]);
    if (t.length < 3 || isMasked(t) || ORDINARY.has(t.toLowerCase())) continue;
    // "password: xyz" is one; "password: they asked for it twice" is a sentence going on.
    const sentenceGoesOn = /^\s+\p{Ll}/u.test(m[2]) && !/[.,;!?]$/.test(m[1]);
    if (looksSecret(t) || !sentenceGoesOn) return { kind: 'password' };
  }
  for (const m of text.matchAll(STATED)) {
    const t = bare(m[2]);
    if (t.length < 3 || isMasked(t)) continue;
    if (m[1] !== '' || (!ORDINARY.has(t.toLowerCase()) && looksSecret(t))) return { kind: 'password' };
  }
  if (CODE_THEN_DIGITS.test(text) || DIGITS_THEN_CODE.test(text)) return { kind: 'code' };
  return null;
}

/** Why a text was refused, in the student's language (B1). */
export const CREDENTIAL_REFUSAL: Record<'nl' | 'en', string> = {
  nl:
    'Uw tekst lijkt een wachtwoord of sms-code te bevatten. Wij vragen daar nooit om en slaan die niet op. ' +
    'Haal het wachtwoord of de code uit uw tekst en verstuur het opnieuw. Verander ook meteen uw DigiD-wachtwoord op www.digid.nl.',
  en:
    'Your text seems to contain a password or SMS code. We never ask for these and we do not store them. ' +
    'Remove the password or code from your text and send it again. Also change your DigiD password at www.digid.nl straight away.',
};

// ------------------------------------------------------------------ invoices

export interface ListedInvoice {
  invoiceDate: IsoDate;
  amountCents: number;
}

export interface ContractInvoice extends ListedInvoice {
  id: string;
  status: 'paid' | 'refused' | 'disputed';
}

/**
 * Matches the invoices the student listed (date and amount) to the contract's invoices. Each
 * listed invoice matches at most one invoice of the contract and each invoice at most one
 * listed invoice; a paid invoice is preferred, an invoice already disputed counts as matched.
 * Refused invoices never count. [decision]
 */
export function matchInvoices(
  listed: readonly ListedInvoice[],
  invoices: readonly ContractInvoice[],
): { matched: { index: number; invoiceId: string; alreadyDisputed: boolean }[]; unmatched: number[] } {
  const used = new Set<string>();
  const matched: { index: number; invoiceId: string; alreadyDisputed: boolean }[] = [];
  const unmatched: number[] = [];
  listed.forEach((l, index) => {
    const same = (i: ContractInvoice) =>
      !used.has(i.id) && i.invoiceDate === l.invoiceDate && i.amountCents === l.amountCents;
    const hit =
      invoices.find((i) => same(i) && i.status === 'paid') ??
      invoices.find((i) => same(i) && i.status === 'disputed');
    if (!hit) {
      unmatched.push(index);
      return;
    }
    used.add(hit.id);
    matched.push({ index, invoiceId: hit.id, alreadyDisputed: hit.status === 'disputed' });
  });
  return { matched, unmatched };
}

/** Moved to common/money.ts: the console's contract forms read amounts the same way. */
export { parseEuroCents } from '../common/money.js';

// ------------------------------------------------------------------ labels

export const DIGID_STATUS_LABELS: Record<DigidStatus, { nl: string; en: string }> = {
  triage: { nl: 'Triage', en: 'Triage' },
  investigation: { nl: 'Onderzoek', en: 'Investigation' },
  paused: { nl: 'Wacht op informatie', en: 'Waiting for information' },
  decided: { nl: 'Besloten', en: 'Decided' },
  closed: { nl: 'Gesloten', en: 'Closed' },
  referred: { nl: 'Doorverwezen naar Logius', en: 'Referred to Logius' },
};

export const DIGID_OUTCOME_LABELS: Record<(typeof DIGID_OUTCOMES)[number], { nl: string; en: string }> = {
  confirmed: { nl: 'misbruik vastgesteld', en: 'misuse confirmed' },
  not_confirmed: { nl: 'misbruik niet vastgesteld', en: 'misuse not confirmed' },
  referred: { nl: 'doorverwezen naar Logius (DigiD)', en: 'referred to Logius (DigiD)' },
};

export const RECOMMENDATION_LABELS: Record<Recommendation, { nl: string; en: string }> = {
  warning: { nl: 'waarschuwing', en: 'warning' },
  suspension: { nl: 'schorsing van het keurmerk', en: 'suspension of the quality mark' },
  withdrawal: { nl: 'intrekking van het keurmerk', en: 'withdrawal of the quality mark' },
};

export const DIGID_DEADLINE_LABELS: Record<string, { nl: string; en: string }> = {
  [DEADLINE_KINDS.triage]: { nl: 'triage DigiD-melding', en: 'DigiD report triage' },
  [DEADLINE_KINDS.investigation]: { nl: 'onderzoek DigiD-melding', en: 'DigiD report investigation' },
};
