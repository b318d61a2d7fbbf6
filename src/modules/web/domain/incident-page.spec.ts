import { assessmentValues, buildIncidentModel, type IncidentModelInput } from './incident-page-model.js';
import { flashOf, fromLocalInput, refusalByField, shapeAssessment, shapeIntake, shapeUpdate, toLocalInput } from './incident-page.js';
import { changeText, obligationRows, valueText } from './incident-views.js';

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
    affectedCountries: [], recordsApprox: 5, subjectCategories: [], likelyConsequences: 'x', measuresTaken: null, measuresProposed: null, containedAt: null, controllers: [],
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
      likelyConsequences: null, measuresTaken: null, measuresProposed: null, containedAt: null, controllers: [], createdBy: 'a@b.c', createdAt: '2026-11-22T10:00:00Z',
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

describe('incident pages: containment and the controllers of a processor incident', () => {
  const KAUPPA = { name: 'Kauppa Oy', contactEmail: 'tietosuoja@kauppa.example', reference: 'DPA-2024-117' };
  const KOULU = { name: 'Koulu ry', contactEmail: null, reference: null };

  it('intake: reads containment in the zone and the controllers one a line; empty means ongoing and none', () => {
    const form = { organisationId: 'x', title: 'T', role: 'processor', detectedAt: '2026-11-22T11:00', containedAt: '2026-11-22T11:40', controllers: 'Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117\r\n\r\nKoulu ry\r\n' };
    expect(shapeIntake(form, 'Europe/Helsinki')).toMatchObject({ containedAt: '2026-11-22T11:40:00+02:00', controllers: [KAUPPA, KOULU] });
    const empty = shapeIntake({ ...form, containedAt: '', controllers: ' \r\n ' }, 'Europe/Helsinki');
    expect(empty).not.toHaveProperty('containedAt');
    expect(empty).not.toHaveProperty('controllers');
  });

  it('intake: text that does not read goes on as it is, for the DTO to refuse on its field', () => {
    expect(shapeIntake({ controllers: 'Kauppa Oy; a; b; c' }, 'UTC').controllers).toBe('Kauppa Oy; a; b; c');
    expect(shapeIntake({ containedAt: 'after lunch' }, 'UTC').containedAt).toBe('after lunch');
  });

  const processor = {
    title: 'T', description: '', role: 'processor', occurredAt: null, detectedAt: '2026-11-22T09:00:00Z', awareAt: null, classifiedAt: null, containedAt: '2026-11-22T09:40:30Z',
    affectedCountries: [], recordsApprox: null, subjectCategories: [], likelyConsequences: null, measuresTaken: null, measuresProposed: null, controllers: [KAUPPA, KOULU],
  };
  const shownList = 'Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117\nKoulu ry';

  it.each([
    ['the list and the time shown unchanged are left out (the seconds stay)', { containedAt: '2026-11-22T11:40', controllers: shownList.replace(/\n/g, '\r\n') }, {}],
    ['a textarea that was not on the form leaves the list alone', { containedAt: '2026-11-22T11:40' }, {}],
    ['an emptied containment means ongoing again, an emptied list clears it', { containedAt: '', controllers: '' }, { containedAt: null, controllers: [] }],
    ['a changed list is sent whole', { containedAt: '2026-11-22T12:00', controllers: 'Koulu ry; dpo@koulu.example' }, { containedAt: '2026-11-22T12:00:00+02:00', controllers: [{ ...KOULU, contactEmail: 'dpo@koulu.example' }] }],
  ])('facts: %s', (_label, form, expected) => {
    const shaped = shapeUpdate({ title: 'T', ...form }, 'Europe/Helsinki', processor);
    for (const field of ['containedAt', 'controllers'] as const) {
      if (field in expected) expect(shaped[field]).toEqual(expected[field as keyof typeof expected]);
      else expect(shaped).not.toHaveProperty(field);
    }
  });

  it('facts: a name typed through the API with a ";" does not stop the facts from being saved unchanged', () => {
    const odd = { ...processor, controllers: [{ name: 'Kauppa; Koulu', contactEmail: null, reference: null }] };
    expect(shapeUpdate({ title: 'T', controllers: 'Kauppa; Koulu' }, 'Europe/Helsinki', odd)).not.toHaveProperty('controllers');
  });

  const model = (incident: Partial<IncidentModelInput['incident']>, roles: string[] = ['controller', 'processor'], failed: IncidentModelInput['failed'] = null) =>
    buildIncidentModel({
      incident: { id: 'i1', reference: 'BR-2026-0002', status: 'investigating', allowedTransitions: [], createdBy: 'a@b.c', createdAt: '2026-11-22T10:00:00Z', ...processor, ...incident },
      organisation: { id: 'g1', legalName: 'Netox Oy', timeZone: 'Europe/Helsinki', roles },
      timeline: [], timelineTotal: 0, history: [], obligations: [], escalations: [], documents: [], failed, now: new Date('2026-11-23T12:00:00Z'), can: () => true,
    });

  it('shows when the breach was contained, or nothing (ongoing), and lists a processor’s controllers', () => {
    const contained = model({});
    expect(contained.incident).toMatchObject({ processor: true, contained: { local: 'Sun 22 Nov 2026 11:40 (UTC+02:00)', utc: 'Sun 22 Nov 2026 09:40 UTC' }, controllers: [KAUPPA, KOULU] });
    expect(contained.facts.values).toMatchObject({ containedAt: '2026-11-22T11:40', controllers: shownList });
    expect(contained.facts.errors).toMatchObject({ containedAt: null, controllers: null });
    expect(contained.facts.showControllers).toBe(true);

    const ongoing = model({ role: 'controller', containedAt: null, controllers: [] });
    expect(ongoing.incident).toMatchObject({ processor: false, contained: null });
    expect(ongoing.facts.values).toMatchObject({ containedAt: '', controllers: '' });
  });

  it('asks for controllers only where the incident is, or can be, a processor’s', () => {
    expect(model({ role: 'controller', controllers: [] }, ['controller', 'processor']).facts.showControllers).toBe(true);
    expect(model({ role: 'controller', controllers: [] }, ['controller']).facts.showControllers).toBe(false);
    expect(model({}, ['controller']).facts.showControllers).toBe(true);
  });

  it('a refused facts form shows the controllers as typed, with the error beside them', () => {
    const m = model({}, undefined, { form: 'facts', target: null, errors: { controllers: 'Line 2 (“x; y; z; w”) has 4 parts.' }, values: { title: 'T', controllers: 'Kauppa Oy\nx; y; z; w' } });
    expect(m.facts).toMatchObject({ failed: true, values: { controllers: 'Kauppa Oy\nx; y; z; w', containedAt: '2026-11-22T11:40' }, errors: { controllers: 'Line 2 (“x; y; z; w”) has 4 parts.', title: null } });
  });

  it('writes a changed list of controllers on the timeline as the form takes them, not as objects', () => {
    // PostgreSQL's jsonb gives the keys back in its own order.
    const stored = [{ name: 'Kauppa Oy', reference: 'DPA-2024-117', contactEmail: 'tietosuoja@kauppa.example' }, KOULU];
    expect(changeText('controllers', stored)).toBe('Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117 | Koulu ry');
    expect(changeText('controllers', [])).toBe('—');
    expect(changeText('controllers', [{ name: 'x'.repeat(300), contactEmail: null, reference: null }])).toBe(`${'x'.repeat(200)}…`);
    expect(valueText([{ a: 1, b: null, c: 'x' }])).toBe('1; x');
  });
});
