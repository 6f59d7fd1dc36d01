import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/policy.js';
import { DataList, Heading, Link, P } from './components.js';
import { messages, type Messages } from './i18n.js';
import { PublicLayout } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { Section } from './section.js';
import { publicLang, sendPage } from './web.http.js';

/** The public home and the contact page: the ways in for students, shared by every kind of case. */
@ApiExcludeController()
@Controller()
@Public()
@UseFilters(PageErrorFilter)
export class HomePagesController {
  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    sendPage(reply, <HomePage m={messages(publicLang(req, reply))} url={req.url} />);
  }

  @Get('contact')
  contact(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    sendPage(reply, <ContactPage m={messages(publicLang(req, reply))} url={req.url} />);
  }
}

/** The ways in: file a complaint, follow one, contact; DigiD misuse and ending a contract. */
function HomePage({ m, url }: { m: Messages; url: string }) {
  const h = m.home;
  return (
    <PublicLayout m={m} title={h.title} url={url}>
      <Heading level={1}>{h.title}</Heading>
      <P lead>{h.intro}</P>
      <P>{h.helpFiling}</P>
      <Section id="what" title={h.whatTitle}>
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
      </Section>
      {(
        [
          ['digid', h.digidTitle, h.digidText, '/digid', m.digid.homeLink],
          ['terminate', m.terminate.homeTitle, m.terminate.homeText, '/terminate', m.terminate.homeLink],
        ] as const
      ).map(([id, title, text, href, link]) => (
        <Section id={id} title={title}>
          <P>{text}</P>
          <P>
            <Link href={href}>{link}</Link>
          </P>
        </Section>
      ))}
      <P>
        <Link href="/console/login">{h.staffSignIn}</Link>
      </P>
    </PublicLayout>
  );
}

/** How to reach us, and what we do with personal data. */
function ContactPage({ m, url }: { m: Messages; url: string }) {
  const c = m.contact;
  return (
    <PublicLayout m={m} title={c.title} url={url}>
      <Heading level={1}>{c.title}</Heading>
      <Section id="desk" title={c.desk}>
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
      </Section>
      <Section id="privacy" title={c.privacyTitle}>
        <ul class="utrecht-unordered-list">
          {c.privacy.map((line) => (
            <li class="utrecht-unordered-list__item">{line}</li>
          ))}
        </ul>
      </Section>
    </PublicLayout>
  );
}
