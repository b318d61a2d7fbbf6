import { buildRegister } from './build-register.js';
import { decision, obligation, source } from './register.fixtures.spec-helper.js';
import { buildRegisterViewModel, latenessLabel, shownUtc } from './register-view-model.js';

const now = new Date('2026-11-23T12:00:00Z');
const report = (period = { from: null as Date | null, to: null as Date | null }) =>
  buildRegister([source({}, { decision: decision(), obligations: [obligation()] }), source({ reference: 'BR-2026-0002', description: '  ', recordsApprox: null }, {})], {
    now,
    period,
    organisationIds: ['o1'],
  });

describe('register view model', () => {
  it.each([
    ['late', { status: 'late', hoursLate: 26.5 }, 'Filed 26.5 h late'],
    ['overdue', { status: 'overdue', hoursLate: 2 }, 'Overdue by 2 h'],
    ['pending', { status: 'pending', hoursLate: null }, 'Not due yet'],
    ['on time', { status: 'on_time', hoursLate: null }, 'On time'],
    ['not required', { status: 'not_required', hoursLate: null }, 'Not required'],
    ['no duty', { status: 'none', hoursLate: null, lateCount: 0, overdueCount: 0 }, 'No notification duty'],
  ] as const)('words lateness: %s', (_label, lateness, expected) => {
    expect(latenessLabel(lateness)).toBe(expected);
  });

  it.each([
    [{ from: null, to: null }, 'All incidents, whenever detected'],
    [{ from: new Date('2026-11-01T00:00:00Z'), to: null }, 'Incidents detected from 2026-11-01 00:00 UTC (inclusive)'],
    [{ from: null, to: new Date('2026-12-01T00:00:00Z') }, 'Incidents detected before 2026-12-01 00:00 UTC'],
    [{ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') }, 'Incidents detected from 2026-11-01 00:00 UTC (inclusive) and before 2026-12-01 00:00 UTC'],
  ])('words the period %o', (period, expected) => {
    expect(buildRegisterViewModel(report(period), []).period).toBe(expected);
  });

  it('gives the template strings, with null for what is not known', () => {
    const vm = buildRegisterViewModel(report(), ['Netox Oy', 'Cloudnovi', 'Netox Oy']);
    expect(vm.organisations).toEqual(['Cloudnovi', 'Netox Oy']);
    expect(vm.incidents[0]).toMatchObject({
      reference: 'BR-2026-0001',
      detectedAt: '2026-11-20 09:30 UTC',
      recordsApprox: '3,600',
      affectedCountries: 'FI, SE',
      decision: { riskLevel: 'Risk', notifyAuthority: 'Yes', enisa: '2.5 (medium)', override: null },
      notifications: [{ status: 'Filed', reference: 'DPA-2026-0042', lateness: 'Filed 26.5 h late', late: true }],
      lateness: 'Filed 26.5 h late',
      late: true,
    });
    expect(vm.incidents[1]).toMatchObject({ description: null, recordsApprox: null, decision: null, notifications: [], lateness: 'No notification duty', late: false });
    expect(shownUtc('2026-11-20T09:30:00.000Z')).toBe('2026-11-20 09:30 UTC');
  });

  it('gives containment (null: ongoing) and a processor incident’s controllers (null for a controller incident)', () => {
    const rows = buildRegister([source({ role: 'processor', controllers: ['Kauppa Oy', 'Koulu ry'] }), source({ reference: 'BR-2026-0002', role: 'processor', containedAt: null }), source({ reference: 'BR-2026-0003' })], {
      now,
      period: { from: null, to: null },
      organisationIds: ['o1'],
    });
    const [withControllers, noneYet, controller] = buildRegisterViewModel(rows, []).incidents;
    expect(withControllers).toMatchObject({ role: 'Processor', containedAt: '2026-11-20 11:15 UTC', controllers: { names: ['Kauppa Oy', 'Koulu ry'] } });
    expect(noneYet).toMatchObject({ containedAt: null, controllers: { names: [] } });
    expect(controller).toMatchObject({ role: 'Controller', controllers: null });
  });
});
