import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/policy.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import { submitForm } from '../../web/form-flow.js';
import { localize } from '../../web/forms.js';
import { messages } from '../../web/i18n.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { publicLang, query, sendPage } from '../../web/web.http.js';
import { resendLinkBody } from '../complaints.dto.js';
import { ComplaintsService } from '../complaints.service.js';
import { issuesAt } from './public-forms.js';
import { LinkPage, type LinkPageState } from './student-link.views.js';

/** The link page as this request shows it. */
export function sendLinkPage(req: FastifyRequest, reply: FastifyReply, o: LinkPageState, status = 200): void {
  sendPage(reply, <LinkPage m={messages(publicLang(req, reply))} url={req.url} o={o} />, status);
}

/** A private link that opens nothing gets the link page, 404: the way to a new link. */
export function invalidStudentLink(req: FastifyRequest, reply: FastifyReply): void {
  sendLinkPage(req, reply, { invalid: true }, 404);
}

/**
 * A new private link (`/link`): the same answer whether or not reference and address match, so
 * the page tells nobody whose case it is (the service sends the link, or not, in a job).
 */
@ApiExcludeController()
@Controller('link')
@Public()
@UseFilters(PageErrorFilter)
export class StudentLinkPagesController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Get()
  form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    sendLinkPage(req, reply, { done: query(req).done === '1' });
  }

  @Post()
  @UseGuards(RateLimitGuard)
  resend(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return submitForm(req, reply, {
      schema: resendLinkBody,
      spec: { reference: 'text', email: 'text' },
      run: (v) => this.complaints.resendLink(v.reference, v.email),
      done: () => '/link?done=1',
      rerender: (state, status) => {
        if (state.problem) throw state.problem;
        const m = messages(publicLang(req, reply));
        const l = m.linkPage;
        const issues = issuesAt(state.issues, { email: 'link-email' });
        const { summary, byField } = localize(issues, m, {
          reference: l.referenceLabel,
          'link-email': l.emailLabel,
        });
        sendLinkPage(req, reply, { errors: summary, byField, values: state.values }, status);
      },
    });
  }
}
