import { describe, expect, it } from '@jest/globals';
import { Controller, Post, type Type } from '@nestjs/common';
import { Allow } from '../../auth/policy.js';
import { actionRoute, actionUrl, visibleCaseActions } from './case-action-flow.js';
import { routePermissions } from './route-permissions.js';

@Controller('console/things')
class ThingPages {
  @Post(':reference/pause')
  @Allow('case.handle')
  pause() {}

  @Post(':reference/notes')
  @Allow('case.note')
  addNote() {}
}

describe('the case actions of a page', () => {
  it("reads an action's permission and address from its route", () => {
    expect(actionRoute(ThingPages, 'pause')).toEqual({
      permission: 'case.handle',
      path: '/console/things/:reference/pause',
    });
    expect(actionUrl(ThingPages, 'addNote', 'K-2026-000001')).toBe('/console/things/K-2026-000001/notes');
    expect(() => actionRoute(ThingPages, 'decide')).toThrow(/no page route/);
  });

  it('shows the actions the lifecycle allows and the route lets this role take, in order', () => {
    const order = ['addNote', 'pause'] as const;
    expect(visibleCaseActions(ThingPages, order, ['pause', 'addNote'], ['intake'])).toEqual(['addNote']);
    expect(visibleCaseActions(ThingPages, order, ['pause', 'addNote'], ['jurist'])).toEqual([
      'addNote',
      'pause',
    ]);
    expect(visibleCaseActions(ThingPages, order, ['pause'], ['jurist'])).toEqual(['pause']);
  });

  it('lists the permission of every POST route by its path below the case', () => {
    expect(routePermissions(ThingPages as Type)).toEqual({ pause: 'case.handle', notes: 'case.note' });
  });
});
