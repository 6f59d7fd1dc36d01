import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/policy.js';
import { DataList, Heading, Link, P } from './components.js';
import { messages } from './i18n.js';
import { PublicLayout } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { publicLang, sendPage } from './web.http.js';

/** The public home and the contact page: the ways in for students, shared by every kind of case. */
@ApiExcludeController()
@Controller()
@Public()
@UseFilters(PageErrorFilter)
export class HomePagesController {
  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const h = m.home;
    sendPage(
      reply,
      <PublicLayout m={m} title={h.title} url={req.url}>
        <Heading level={1}>{h.title}</Heading>
        <P lead>{h.intro}</P>
        <P>{h.helpFiling}</P>
        <section aria-labelledby="what">
          <Heading level={2} id="what">
            {h.whatTitle}
          </Heading>
          <div class="bow-card-grid">
            {(
              [
                ['/klacht', h.fileComplaint, h.fileComplaintText],
                ['/link', h.followCase, h.followCaseText],
                ['/contact', h.contact, h.contactText],
              ] as const
            ).map(([href, title, text]) => (
              <div class="bow-card">
                <Heading level={3}>
                  <Link href={href}>{title}</Link>
                </Heading>
                <P>{text}</P>
              </div>
            ))}
          </div>
        </section>
        <section aria-labelledby="digid">
          <Heading level={2} id="digid">
            {h.digidTitle}
          </Heading>
          <P>{h.digidText}</P>
          <P>
            <Link href="/digid">{m.digid.homeLink}</Link>
          </P>
        </section>
        <section aria-labelledby="terminate">
          <Heading level={2} id="terminate">
            {m.terminate.homeTitle}
          </Heading>
          <P>{m.terminate.homeText}</P>
          <P>
            <Link href="/terminate">{m.terminate.homeLink}</Link>
          </P>
        </section>
        <P>
          <Link href="/console/login">{h.staffSignIn}</Link>
        </P>
      </PublicLayout>,
    );
  }

  @Get('contact')
  contact(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const c = m.contact;
    sendPage(
      reply,
      <PublicLayout m={m} title={c.title} url={req.url}>
        <Heading level={1}>{c.title}</Heading>
        <section aria-labelledby="desk">
          <Heading level={2} id="desk">
            {c.desk}
          </Heading>
          <DataList
            items={[
              [
                c.phone,
                <a class="utrecht-link utrecht-link--html-a utrecht-link--telephone" href="tel:+31303030645">
                  {c.phoneNumber}
                </a>,
              ],
              [c.hours, c.hoursValue],
              [
                c.email,
                <a class="utrecht-link utrecht-link--html-a" href={`mailto:${c.emailAddress}`}>
                  {c.emailAddress}
                </a>,
              ],
            ]}
          />
          <P>{c.duo}</P>
        </section>
        <section aria-labelledby="privacy">
          <Heading level={2} id="privacy">
            {c.privacyTitle}
          </Heading>
          <ul class="utrecht-unordered-list">
            {c.privacy.map((line) => (
              <li class="utrecht-unordered-list__item">{line}</li>
            ))}
          </ul>
        </section>
      </PublicLayout>,
    );
  }
}
