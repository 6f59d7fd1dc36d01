import { Injectable } from '@nestjs/common';
import { exemptionHours } from './contracts.rules.js';
import { ContractsService, presentContract, termsOf } from './contracts.service.js';
import { RefundsService } from './refunds.service.js';
import { TerminationsService } from './terminations.service.js';

/** The whole contract as staff see it, for the JSON API and the console pages alike. */
@Injectable()
export class ContractDetailService {
  constructor(
    private readonly contracts: ContractsService,
    private readonly terminations: TerminationsService,
    private readonly refunds: RefundsService,
  ) {}

  async detail(id: string) {
    return (await this.detailWithRow(id)).view;
  }

  /** The detail and the contract row it was read from (the console quotes on that row). */
  async detailWithRow(id: string) {
    const c = await this.contracts.get(id);
    const [lessons, summary, invoices, terminations, refunds, events] = await Promise.all([
      this.contracts.lessons(id),
      this.contracts.lessonSummary(id),
      this.contracts.invoicesWithFlags(c),
      this.terminations.forContract(id),
      this.refunds.forContract(id),
      this.contracts.events(id),
    ]);
    const view = {
      ...presentContract(c),
      lessonsSummary: summary,
      lessons,
      paidCents: invoices.paidCents,
      invoices: invoices.invoices,
      terminations,
      refundInstructions: refunds,
      exemptionHours: exemptionHours(termsOf(c), lessons),
      events,
    };
    return { row: c, view };
  }
}
