import { assessmentValues, buildIncidentModel, type IncidentModelInput } from './incident-page-model.js';
import { flashOf, fromLocalInput, refusalByField, shapeAssessment, shapeIntake, shapeUpdate, toLocalInput } from './incident-page.js';
import { obligationRows, valueText } from './incident-views.js';

describe('incident pages: times read in the organisation’s zone', () => {
  it.each([
    ['winter in Helsinki', '2026-11-22T12:00', 'Europe/Helsinki', '2026-11-22T12:00:00+02:00'],
    ['summer in Helsinki', '2026-07-01T12:00', 'Europe/Helsinki', '2026-07-01T12:00:00+03:00'],
    ['Brussels', '2026-11-22T12:00', 'Europe/Brussels', '2026-11-22T12:00:00+01:00'],
    ['seconds kept', '2026-11-22T12:00:30', 'Europe/Vilnius', '2026-11-22T12:00:30+02:00'],
    ['a time skipped by DST moves forward', '2026-03-29T03:30', 'Europe/Helsinki', '2026-03-29T04:30:00+03:00'],
    ['UTC', '2026-11-22T12:00', 'UTC', '2026-11-22T12:00:00Z'],
    ['unreadable text is passed on for the DTO to refuse', 'yesterday', 'Europe/Helsinki', 'yesterday'],
    ['an impossible date is passed on too', '2026-02-30T10:00', 'Europe/Helsinki', '2026-02-30T10:00'],
  ])('%s', (_name, input, zone, expected) => {
    expect(fromLocalInput(input, zone)).toBe(expected);
  });

  it('shows an instant as the datetime-local value of the zone, and nothing for none', () => {
    expect(toLocalInput('2026-11-22T10:00:30Z', 'Europe/Helsinki')).toBe('2026-11-22T12:00');
    expect(toLocalInput(null, 'Europe/Helsinki')).toBe('');
  });
});

describe('incident pages: posted forms shaped for the API’s DTOs', () => {
  it('shapes the intake: codes upper-cased, categories split, CRLF made LF, empty facts left out', () => {
    expect(
      shapeIntake(
        { organisationId: ' x ', title: ' T ', description: 'a\r\nb', detectedAt: '2026-11-22T11:30', awareAt: '', affectedCountries: 'fi, se;GB fi', subjectCategories: 'customers, customer employees\r\npupils', recordsApprox: '12', measuresTaken: '' },
        'Europe/Helsinki',
      ),
    ).toEqual({
      organisationId: 'x',
      title: 'T',
      description: 'a\nb',
      detectedAt: '2026-11-22T11:30:00+02:00',
      affectedCountries: ['FI', 'SE', 'GB'],
      subjectCategories: ['customers', 'customer employees', 'pupils'],
      recordsApprox: 12,
    });
  });

  it('leaves a number that is not one for the DTO to name', () => {
    expect(shapeIntake({ recordsApprox: 'about 12' }, 'UTC').recordsApprox).toBe('about 12');
  });

  const current = {
    title: 'T', description: '', role: 'controller', occurredAt: null, detectedAt: '2026-11-22T09:30:00Z', awareAt: '2026-11-22T10:00:30Z', classifiedAt: null,
    affectedCountries: [], recordsApprox: 5, subjectCategories: [], likelyConsequences: 'x', measuresTaken: null, measuresProposed: null,
  };

  it('leaves out a time shown unchanged (the seconds a datetime-local cannot show stay), clears emptied facts', () => {
    const shaped = shapeUpdate({ title: 'T2', detectedAt: '2026-11-22T11:30', awareAt: '2026-11-22T12:00', occurredAt: '', recordsApprox: '', likelyConsequences: '' }, 'Europe/Helsinki', current);
    expect(shaped).not.toHaveProperty('awareAt');
    expect(shaped).not.toHaveProperty('detectedAt');
    expect(shaped).not.toHaveProperty('occurredAt');
    expect(shaped).toMatchObject({ title: 'T2', recordsApprox: null, likelyConsequences: null, measuresTaken: null });
  });

  it('sends a moved or cleared time, with the reason', () => {
    const shaped = shapeUpdate({ awareAt: '2026-11-22T13:00', detectedAt: '', awareAtChangeReason: 'Logs showed it later' }, 'Europe/Helsinki', current);
    expect(shaped).toMatchObject({ awareAt: '2026-11-22T13:00:00+02:00', detectedAt: null, awareAtChangeReason: 'Logs showed it later' });
  });

  it.each([
    ['one box ticked comes as a string', { breachTypes: 'integrity' }, { breachTypes: ['integrity'] }],
    ['several as a list', { dataCategories: ['basic', 'special'] }, { dataCategories: ['basic', 'special'] }],
    ['unticked boxes are false', {}, { malicious: false, vulnerableSubjects: false, highRiskMitigated: false }],
    ['ticked boxes are true', { malicious: 'true', backupAvailable: 'true' }, { malicious: true, backupAvailable: true }],
    ['numbers are numbers', { subjectsCount: '240', unavailableHours: '1.5' }, { subjectsCount: 240, unavailableHours: 1.5 }],
    ['a DPC adjustment only when given', { dpcScore: '2', dpcReason: 'Already public' }, { dpcOverride: { score: 2, reason: 'Already public' } }],
  ])('assessment: %s', (_name, form, expected) => {
    expect(shapeAssessment(form)).toMatchObject(expected);
  });

  it('assessment: no DPC adjustment and no hours when left empty', () => {
    const shaped = shapeAssessment({ dpcScore: '', dpcReason: '', unavailableHours: '' });
    expect(shaped).not.toHaveProperty('dpcOverride');
    expect(shaped).not.toHaveProperty('unavailableHours');
  });
});

describe('incident pages: refusals beside their fields', () => {
  it.each([
    ['each violation on its field', { violations: [{ field: 'delayReasons', message: 'reasons are required' }] }, ['submittedAt', 'delayReasons'], { delayReasons: 'Reasons are required.' }],
    ['contradictions on theirs', { contradictions: [{ field: 'exposure', message: 'a' }, { field: 'integrityLoss', message: 'b' }] }, ['exposure', 'integrityLoss'], { exposure: 'A.', integrityLoss: 'B.' }],
    ['a single named field', { field: 'awareAtChangeReason' }, ['awareAtChangeReason'], { awareAtChangeReason: 'Refused.' }],
    ['a listed field', { fields: ['language'] }, ['kind', 'language'], { language: 'Refused.' }],
    ['a field the form does not have: above the form', { field: 'awareAt' }, ['kind'], { form: 'Refused.' }],
    ['no details: above the form', undefined, ['kind'], { form: 'Refused.' }],
  ])('%s', (_name, details, fields, expected) => {
    expect(refusalByField('refused', details, fields)).toEqual(expected);
  });

  it('flashes only known messages, never text from the URL', () => {
    expect(flashOf('assessed')).toMatch(/^Assessment recorded/);
    expect(flashOf('<script>')).toBeNull();
    expect(flashOf('constructor')).toBeNull();
    expect(flashOf(undefined)).toBeNull();
  });
});

describe('incident pages: rows', () => {
  const obligation = {
    id: 'o1', label: 'GDPR Art. 33(1)', regime: 'gdpr', recipient: 'supervisory_authority', status: 'open', deadline: { utc: '2026-11-25T10:00:00.000Z' }, reasons: [],
    submittedAt: null, reference: null, delayReasons: null, onTime: null, filedBy: null, waivedReason: null,
  };

  it('counts down an open duty and lets it be filed; a stage without its anchor cannot be', () => {
    const [open, pending, filed] = obligationRows(
      [obligation, { ...obligation, id: 'o2', deadline: null }, { ...obligation, id: 'o3', status: 'fulfilled', onTime: false, submittedAt: '2026-11-26T10:00:00Z' }],
      'Europe/Helsinki',
      new Date('2026-11-23T12:00:00Z'),
    );
    expect(open).toMatchObject({ canFile: true, regime: 'GDPR', recipient: 'the supervisory authority', countdown: { rung: 'calm', timeLeft: '1d 22:00:00' }, deadline: { local: 'Wed 25 Nov 2026 12:00 (UTC+02:00)', utc: 'Wed 25 Nov 2026 10:00 UTC' } });
    expect(pending).toMatchObject({ canFile: false, countdown: null, deadline: null });
    expect(filed).toMatchObject({ canFile: false, countdown: null, lateness: 'late', statusLabel: 'Filed' });
  });

  it.each([
    [null, '—'],
    ['', '—'],
    [['FI', 'SE'], 'FI, SE'],
    [[], '—'],
    [3, '3'],
    [{ a: 1 }, '{"a":1}'],
  ])('writes the changed value %p as %p', (value, text) => {
    expect(valueText(value)).toBe(text);
  });

  it('prefills the wizard from stored facts, or leaves it blank', () => {
    expect(assessmentValues({ breachTypes: ['confidentiality'], malicious: true, dpcOverride: { score: 2, reason: 'r' }, subjectsCount: 5 })).toMatchObject({
      breachTypes: ['confidentiality'], malicious: 'true', backupAvailable: '', dpcScore: '2', dpcReason: 'r', subjectsCount: '5',
    });
    expect(assessmentValues(null)).toMatchObject({ breachTypes: [], dataCategories: [], subjectsCount: '', exposure: 'none' });
  });

  const input = (failed: IncidentModelInput['failed']): IncidentModelInput => ({
    incident: {
      id: 'i1', reference: 'BR-2026-0001', title: 'T', description: '', role: 'controller', status: 'investigating', allowedTransitions: ['confirmed', 'not_a_breach'],
      occurredAt: null, detectedAt: '2026-11-22T09:30:00Z', awareAt: null, classifiedAt: null, affectedCountries: [], recordsApprox: null, subjectCategories: [],
      likelyConsequences: null, measuresTaken: null, measuresProposed: null, createdBy: 'a@b.c', createdAt: '2026-11-22T10:00:00Z',
    },
    organisation: { id: 'g1', legalName: 'G', timeZone: 'Europe/Helsinki', roles: ['controller'] },
    timeline: [], timelineTotal: 0, history: [], obligations: [obligation, { ...obligation, id: 'o2' }], escalations: [], documents: [],
    failed, now: new Date('2026-11-23T12:00:00Z'), can: () => true,
  });

  it('shows a refused form’s values and errors on that form only (and on that row only)', () => {
    const model = buildIncidentModel(input({ form: 'filing', target: 'o2', errors: { delayReasons: 'Needed.' }, values: { submittedAt: '2026-11-23T10:00', reference: 'R-1', delayReasons: '' } }));
    expect(model.obligations[0]!.filing).toMatchObject({ failed: false, errors: { delayReasons: null }, values: { reference: '', submittedAt: '2026-11-23T14:00' } });
    expect(model.obligations[1]!.filing).toMatchObject({ failed: true, errors: { delayReasons: 'Needed.', form: null }, values: { reference: 'R-1' } });
    expect(model.facts.failed).toBe(false);
  });

  it('a refused wizard shows exactly what was ticked, not the stored facts', () => {
    const model = buildIncidentModel(input({ form: 'assessment', target: null, errors: { exposure: 'No.' }, values: { breachTypes: 'integrity', exposure: 'public' } }));
    expect(model.assessment.values).toMatchObject({ breachTypes: 'integrity', dataCategories: [], malicious: '', exposure: 'public' });
    expect(model.assessment.errors).toMatchObject({ exposure: 'No.', breachTypes: null });
  });
});
