import { overrideViolations, type Outcome } from './override.js';

const outcome = (over: Partial<Outcome>): Outcome => ({
  riskLevel: 'unlikely',
  notifyAuthority: false,
  communicateSubjects: 'not_required',
  notifyController: false,
  ...over,
});

describe('override rules', () => {
  it.each([
    ['unlikely, not notified', 'controller', outcome({})],
    ['unlikely but notified anyway', 'controller', outcome({ notifyAuthority: true })],
    ['risk, notified', 'controller', outcome({ riskLevel: 'risk', notifyAuthority: true })],
    ['high, notified, communicated', 'controller', outcome({ riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'required' })],
    ['high, public communication', 'controller', outcome({ riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'public_communication' })],
    ['processor notifying its controller', 'processor', outcome({ notifyController: true })],
  ] as const)('allows %s', (_label, role, o) => {
    expect(overrideViolations(role, o)).toEqual([]);
  });

  it.each([
    ['risk without notification', 'controller', outcome({ riskLevel: 'risk' }), 'ASSESSMENT.NOTIFICATION_REQUIRED_FOR_RISK'],
    ['high without notification', 'controller', outcome({ riskLevel: 'high', communicateSubjects: 'required' }), 'ASSESSMENT.NOTIFICATION_REQUIRED_FOR_RISK'],
    ['required communication below high risk', 'controller', outcome({ riskLevel: 'risk', notifyAuthority: true, communicateSubjects: 'required' }), 'ASSESSMENT.COMMUNICATION_REQUIRES_HIGH_RISK'],
    ['a processor not telling its controller', 'processor', outcome({}), 'ASSESSMENT.CONTROLLER_NOTICE_MANDATORY'],
  ] as const)('refuses %s', (_label, role, o, code) => {
    expect(overrideViolations(role, o).map((v) => v.code)).toContain(code);
  });
});
