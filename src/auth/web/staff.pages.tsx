import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Heading, Table } from '../../web/components.js';
import { consoleContext, Section, sendConsolePage } from '../../web/console.views.js';
import { Pages } from '../../web/pages.decorator.js';
import type { StaffRequest } from '../auth.guard.js';
import { Allow, PERMISSIONS, ROLES, type Permission } from '../policy.js';
import { UsersRepository } from '../users.repository.js';

/** The admin's view of the staff: who has which roles, and what each role may do (the permission table). */
@Pages('console/admin')
export class StaffPagesController {
  constructor(private readonly users: UsersRepository) {}

  @Get('users')
  @Allow('user.admin')
  async userList(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const u = c.m.console.users;
    const yesNo = (v: boolean) => (v ? c.m.common.yes : c.m.common.no);
    const users = await this.users.list();
    sendConsolePage(
      req,
      reply,
      c,
      u.title,
      'users',
      <>
        <Heading level={1}>{u.title}</Heading>
        <Table
          hideCaption
          caption={u.title}
          head={[u.name, u.email, u.roles, u.language, u.active]}
          rows={users.map((x) => [
            x.name,
            x.email,
            x.roles.map((r) => u.roleNames[r] ?? r).join(', '),
            u.languages[x.language] ?? x.language,
            yesNo(x.active),
          ])}
        />
        <Section id="permissions" title={u.permissionsTitle}>
          <Table
            hideCaption
            caption={u.permissionsTitle}
            head={[u.permission, ...ROLES.map((r) => u.roleNames[r] ?? r)]}
            rows={(Object.keys(PERMISSIONS) as Permission[]).map((p) => [
              u.permissions[p] ?? p,
              ...ROLES.map((r) => yesNo((PERMISSIONS[p] as readonly string[]).includes(r))),
            ])}
          />
        </Section>
      </>,
    );
  }
}
