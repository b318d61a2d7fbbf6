import { overrideViolations, type OverrideOutcome } from './override.js';

const outcome = (over: Partial<OverrideOutcome>): OverrideOutcome => ({
  riskLevel: 'unlikely',
  notifyAuthority: false,
  communicateSubjects: 'not_required',
  notifyController: false,
  exemption: null,
  ...over,
});

describe('override rules', () => {
  it.each([
    ['unlikely, not notified', 'controller', outcome({})],
    ['unlikely but notified anyway', 'controller', outcome({ notifyAuthority: true })],
    ['risk, notified', 'controller', outcome({ riskLevel: 'risk', notifyAuthority: true })],
    ['high, notified, communicated', 'controller', outcome({ riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'required' })],
    ['high, public communication', 'controller', outcome({ riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'public_communication' })],
    ['high, encrypted: Art. 34(3)(a)', 'controller', outcome({ riskLevel: 'high', notifyAuthority: true, exemption: 'art34_3_a' })],
    ['high, mitigated: Art. 34(3)(b)', 'controller', outcome({ riskLevel: 'high', notifyAuthority: true, exemption: 'art34_3_b' })],
    ['processor notifying its controller', 'processor', outcome({ notifyController: true })],
  ] as const)('allows %s', (_label, role, o) => {
    expect(overrideViolations(role, o)).toEqual([]);
  });

  it.each([
    ['risk without notification', 'controller', outcome({ riskLevel: 'risk' }), 'ASSESSMENT.NOTIFICATION_REQUIRED_FOR_RISK'],
    ['high without notification', 'controller', outcome({ riskLevel: 'high', communicateSubjects: 'required' }), 'ASSESSMENT.NOTIFICATION_REQUIRED_FOR_RISK'],
    ['required communication below high risk', 'controller', outcome({ riskLevel: 'risk', notifyAuthority: true, communicateSubjects: 'required' }), 'ASSESSMENT.COMMUNICATION_REQUIRES_HIGH_RISK'],
    ['a processor not telling its controller', 'processor', outcome({}), 'ASSESSMENT.CONTROLLER_NOTICE_MANDATORY'],
    ['public communication below high risk', 'controller', outcome({ riskLevel: 'risk', notifyAuthority: true, communicateSubjects: 'public_communication' }), 'ASSESSMENT.COMMUNICATION_REQUIRES_HIGH_RISK'],
    ['a high risk left uncommunicated without a ground', 'controller', outcome({ riskLevel: 'high', notifyAuthority: true }), 'ASSESSMENT.EXEMPTION_REQUIRED'],
    ['an exemption where none is needed', 'controller', outcome({ riskLevel: 'risk', notifyAuthority: true, exemption: 'art34_3_b' }), 'ASSESSMENT.EXEMPTION_NOT_APPLICABLE'],
    ['a controller "notifying its controller"', 'controller', outcome({ notifyController: true }), 'ASSESSMENT.CONTROLLER_NOTICE_NOT_APPLICABLE'],
  ] as const)('refuses %s', (_label, role, o, code) => {
    expect(overrideViolations(role, o).map((v) => v.code)).toContain(code);
  });
});
