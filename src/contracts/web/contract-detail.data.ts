import type { FieldError } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import type { Messages } from '../../web/i18n.js';
import type { ContractDetailService } from '../contract-detail.service.js';
import type { TerminationGround } from '../contracts.rules.js';
import type { ContractRow } from '../contracts.repository.js';
import { quoteBody } from '../contracts.dto.js';
import type { ContractsService, QuoteView } from '../contracts.service.js';
import { isWeighty } from '../terminations.rules.js';
import { isUserProblem, refusal } from './contract-form.js';

export type ContractView = Awaited<ReturnType<ContractDetailService['detail']>>;
export type TerminationView = ContractView['terminations'][number];

/** Which form on the contract page a message belongs to (its id is the error summary's anchor). */
export type FormName = 'lesson' | 'invoice' | 'quote' | 'terminate' | `t-${string}`;

/** What the contract page shows besides the contract: a notice, or a form again with its problems. */
export interface DetailState {
  done?: string;
  form?: FormName;
  errors?: FieldError[];
  values?: FormValues;
}

/** A quote, or why there is none (the rule's refusal in words). */
export interface QuoteOrRefusal {
  quote?: QuoteView;
  problem?: string;
}

/** The calculator's answer for a ground and date. */
export type WhatIf = QuoteOrRefusal & { ground: TerminationGround; requestedOn: string };

/** A termination with its quote: the stored final one once decided, else what it would be now. */
export type TerminationWithQuote = QuoteOrRefusal & { t: TerminationView; final: boolean };

export interface ContractPageData {
  x: ContractView;
  whatIf?: WhatIf;
  /** The ground the calculator was asked about: the termination form starts from it. */
  askedGround?: TerminationGround;
  terminations: TerminationWithQuote[];
}

async function quoteOrRefusal(m: Messages, quote: () => Promise<QuoteView>): Promise<QuoteOrRefusal> {
  try {
    return { quote: await quote() };
  } catch (e) {
    if (!isUserProblem(e)) throw e;
    return { problem: refusal(m, e) };
  }
}

/**
 * Everything the contract page shows, from one read of the contract: its row serves the
 * calculator (a what-if on a ground and date from the address: nothing is stored) and every
 * termination's quote.
 */
export async function contractPageData(
  services: { contracts: ContractsService; details: ContractDetailService },
  m: Messages,
  id: string,
  o: DetailState,
): Promise<ContractPageData> {
  const { row, view: x } = await services.details.detailWithRow(id);
  const quote = (c: ContractRow, ground: TerminationGround, on: string, approved: boolean | undefined) =>
    quoteOrRefusal(m, () => services.contracts.quote(c, ground, on, { groundApproved: approved }));
  const asked = quoteBody.safeParse({ ground: o.values?.ground, requestedOn: o.values?.requestedOn });
  const askedGround = quoteBody.shape.ground.safeParse(o.values?.ground).data;
  const whatIf =
    o.form === undefined && asked.success
      ? {
          ...asked.data,
          ...(await quote(
            row,
            asked.data.ground,
            asked.data.requestedOn,
            isWeighty(asked.data.ground) ? false : undefined,
          )),
        }
      : undefined;
  const terminations = await Promise.all(
    x.terminations.map(async (t): Promise<TerminationWithQuote> => {
      if (t.status === 'effective' || t.status === 'rejected')
        return { t, quote: (t.quote as QuoteView | null) ?? undefined, final: true };
      const approved = t.status === 'approved' ? true : isWeighty(t.ground) ? false : undefined;
      return { t, final: false, ...(await quote(row, t.ground, t.requestedOn, approved)) };
    }),
  );
  return { x, whatIf, askedGround, terminations };
}
