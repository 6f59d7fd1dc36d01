import { describe, expect, it } from '@jest/globals';
import { routePermissions } from '../../cases/web/route-permissions.js';
import { ComplaintsController } from '../complaints.controller.js';
import { ACTIONS, STATUSES } from '../complaints.rules.js';
import { CasePagesController, visibleActions } from './complaint-case.pages.js';

describe("a complaint's console page", () => {
  it('shows only the actions the lifecycle and the role allow', () => {
    expect(visibleActions('under_review', ['intake'])).toEqual(['assign', 'addNote']);
    expect(visibleActions('under_review', ['jurist'])).toEqual([
      'decide',
      'pause',
      'extend',
      'assign',
      'addNote',
      'withdraw',
    ]);
    expect(visibleActions('escalated', ['admin'])).toEqual([]);
    for (const s of STATUSES) {
      for (const a of visibleActions(s, ['supervisor'])) expect(ACTIONS[a] as readonly string[]).toContain(s);
    }
  });

  it('asks the same permission for each action as the JSON route of that action', () => {
    const json = routePermissions(ComplaintsController);
    const pages = routePermissions(CasePagesController);
    // The school link is a page-only action (the JSON API has none).
    const { 'school-link': _page, ...shared } = pages;
    expect(shared).toEqual(json);
  });
});
