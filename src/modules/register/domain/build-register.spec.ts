import { DomainError } from '../../../shared/domain/domain-error.js';
import { assertPrintable, assertValidPeriod, buildRegister, buildRegisterRow, inPeriod, PDF_MAX_INCIDENTS } from './build-register.js';
import { decision, obligation, source } from './register.fixtures.spec-helper.js';

const at = (iso: string) => new Date(iso);
const now = at('2026-11-23T12:00:00Z');

describe('register rows', () => {
  it('carries the facts, effects, remedial action, decision with reasons and the filing with its lateness', () => {
    const row = buildRegisterRow(source({}, { decision: decision(), obligations: [obligation()] }), now);
    expect(row).toMatchObject({
      reference: 'BR-2026-0001',
      organisation: { legalName: 'Netox Oy' },
      detectedAt: '2026-11-20T09:30:00.000Z',
      affectedCountries: ['FI', 'SE'],
      facts: { breachTypes: ['confidentiality'], dataCategories: ['basic', 'financial'], subjectCategories: ['customers'], subjectsApprox: 240, recordsApprox: 3600 },
      effects: { likelyConsequences: 'Phishing' },
      remedialAction: { measuresTaken: 'Recipient asked to delete', measuresProposed: 'DLP rule on exports' },
      decision: { sequence: 2, outcome: { riskLevel: 'risk', notifyAuthority: true }, reasons: [{ code: 'RISK.RISK', source: 'GDPR Art. 33(1)' }], override: null },
      notifications: [{ kind: 'gdpr_art33_1', dueAt: '2026-11-23T10:00:00.000Z', submittedAt: '2026-11-24T12:30:00.000Z', reference: 'DPA-2026-0042', lateness: { status: 'late', hoursLate: 26.5 } }],
      lateness: { status: 'late', hoursLate: 26.5, lateCount: 1, overdueCount: 0 },
    });
  });

  it.each([
    ['contained, with its time', { containedAt: at('2026-11-20T11:15:00Z') }, { containment: 'contained', containedAt: '2026-11-20T11:15:00.000Z' }],
    ['ongoing while no containment is recorded', { containedAt: null }, { containment: 'ongoing', containedAt: null }],
  ] as const)('says whether the breach is %s', (_label, incident, expected) => {
    expect(buildRegisterRow(source(incident), now)).toMatchObject(expected);
  });

  it('names the controllers of a processor incident, and none for a controller incident', () => {
    expect(buildRegisterRow(source({ role: 'processor', controllers: ['Kauppa Oy', 'Koulu ry'] }), now)).toMatchObject({ role: 'processor', controllers: ['Kauppa Oy', 'Koulu ry'] });
    expect(buildRegisterRow(source(), now).controllers).toEqual([]);
  });

  it('keeps a never-assessed incident, with unknown facts as null', () => {
    const row = buildRegisterRow(source({ status: 'investigating', awareAt: null, recordsApprox: null, likelyConsequences: null }), now);
    expect(row).toMatchObject({ decision: null, facts: { dataCategories: null, subjectsApprox: null, recordsApprox: null }, effects: { likelyConsequences: null }, notifications: [], lateness: { status: 'none' } });
  });

  it('applies an override, keeping the engine’s answer, the justification and who made it', () => {
    const override = { riskLevel: 'unlikely' as const, notifyAuthority: false, communicateSubjects: 'not_required' as const, notifyController: false, exemption: null, justification: 'The recipient is our auditor under NDA.', by: 'Mikko DPO', at: at('2026-11-21T08:00:00Z') };
    const row = buildRegisterRow(source({}, { decision: decision({ override }) }), now);
    expect(row.decision).toMatchObject({
      outcome: { riskLevel: 'unlikely', notifyAuthority: false },
      engineOutcome: { riskLevel: 'risk', notifyAuthority: true },
      override: { justification: 'The recipient is our auditor under NDA.', by: 'Mikko DPO', at: '2026-11-21T08:00:00.000Z' },
    });
  });

  it.each([
    ['the reasoning for the current status', 'not_a_breach', { status: 'not_a_breach', reason: 'No personal data in the file.' }],
    ['nothing when the last change was to another status', 'investigating', null],
  ] as const)('shows %s', (_label, status, expected) => {
    const statusChange = { status: 'not_a_breach' as const, at: at('2026-11-21T09:00:00Z'), by: 'Aino DPO', reason: 'No personal data in the file.' };
    const row = buildRegisterRow(source({ status }, { statusChange }), now);
    if (expected === null) expect(row.statusChange).toBeNull();
    else expect(row.statusChange).toMatchObject(expected);
  });

  it('orders duties by due time, undated last', () => {
    const row = buildRegisterRow(
      source({}, {
        obligations: [
          obligation({ kind: 'nis2_final_report', dueAt: null, status: 'open', submittedAt: null, onTime: null }),
          obligation({ kind: 'gdpr_art34', dueAt: at('2026-11-24T10:00:00Z'), status: 'open', submittedAt: null, onTime: null }),
          obligation({ kind: 'nis2_early_warning', dueAt: at('2026-11-21T10:00:00Z'), status: 'open', submittedAt: null, onTime: null }),
        ],
      }),
      now,
    );
    expect(row.notifications.map((n) => [n.kind, n.lateness.status])).toEqual([
      ['nis2_early_warning', 'overdue'],
      ['gdpr_art34', 'pending'],
      ['nis2_final_report', 'pending'],
    ]);
    expect(row.lateness).toMatchObject({ status: 'overdue', hoursLate: 50, overdueCount: 1 });
  });

  it('sorts the register by detection, then reference, and counts it', () => {
    const report = buildRegister(
      [
        source({ reference: 'BR-2026-0003', detectedAt: at('2026-11-21T00:00:00Z') }),
        source({ reference: 'BR-2026-0002', detectedAt: at('2026-11-19T00:00:00Z') }),
        source({ reference: 'BR-2026-0001', detectedAt: at('2026-11-21T00:00:00Z') }),
      ],
      { now, period: { from: at('2026-11-01T00:00:00Z'), to: null }, organisationIds: ['o1'] },
    );
    expect(report.items.map((r) => r.reference)).toEqual(['BR-2026-0002', 'BR-2026-0001', 'BR-2026-0003']);
    expect(report).toMatchObject({ generatedAt: '2026-11-23T12:00:00.000Z', period: { from: '2026-11-01T00:00:00.000Z', to: null }, organisationIds: ['o1'], total: 3 });
  });
});

describe('register period', () => {
  const period = { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') };
  it.each([
    ['the first instant (from is inclusive)', '2026-11-01T00:00:00Z', true],
    ['inside', '2026-11-15T12:00:00Z', true],
    ['just before from', '2026-10-31T23:59:59.999Z', false],
    ['the last instant before to', '2026-11-30T23:59:59.999Z', true],
    ['to itself (exclusive)', '2026-12-01T00:00:00Z', false],
  ])('%s', (_label, detected, expected) => {
    expect(inPeriod(at(detected), period)).toBe(expected);
  });

  it.each([
    ['open on both ends', { from: null, to: null }],
    ['from only', { from: period.from, to: null }],
    ['an empty period (from = to)', { from: period.from, to: period.from }],
    ['a month', period],
  ])('accepts %s', (_label, p) => {
    expect(() => assertValidPeriod(p)).not.toThrow();
  });

  it('refuses from after to, naming both fields', () => {
    let error: unknown;
    try {
      assertValidPeriod({ from: period.to, to: period.from });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'REGISTER.INVALID_PERIOD', kind: 'invalid', details: { fields: ['from', 'to'] } });
  });
});

describe('register PDF size', () => {
  it.each([0, 1, PDF_MAX_INCIDENTS])('prints %d incidents', (total) => {
    expect(() => assertPrintable(total)).not.toThrow();
  });

  it('refuses more than the limit with 422, pointing to a narrower query', () => {
    expect(() => assertPrintable(PDF_MAX_INCIDENTS + 1)).toThrow(
      expect.objectContaining({ code: 'REGISTER.TOO_LARGE_FOR_PDF', kind: 'unprocessable', details: { total: PDF_MAX_INCIDENTS + 1, limit: PDF_MAX_INCIDENTS, fields: ['from', 'to', 'organisationId'] } }),
    );
  });
});
