import { describe, expect, it } from '@jest/globals';
import { routePermissions } from '../../cases/web/route-permissions.js';
import { DigidReportsController } from '../digid-reports.controller.js';
import { DigidCasePagesController, visibleDigidActions } from './digid-report.pages.js';

describe("a DigiD report's console page", () => {
  it('shows only the actions the lifecycle and the role allow', () => {
    expect(visibleDigidActions('triage', ['intake'])).toEqual(['refer', 'assign', 'addNote']);
    expect(visibleDigidActions('triage', ['jurist'])).toContain('startInvestigation');
    expect(visibleDigidActions('closed', ['admin'])).toEqual([]);
  });

  it('asks the same permission for each action as the JSON route of that action', () => {
    expect(routePermissions(DigidCasePagesController)).toEqual(routePermissions(DigidReportsController));
  });
});
