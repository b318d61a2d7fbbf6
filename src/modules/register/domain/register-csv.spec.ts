import { buildRegisterRow } from './build-register.js';
import { decision, obligation, source } from './register.fixtures.spec-helper.js';
import { parseCsv, parseCsvObjects } from './csv-parse.spec-helper.js';
import { REGISTER_CSV_HEADER, registerCsv } from './register-csv.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('register CSV', () => {
  it('writes a header and one record per incident, every record as wide as the header', () => {
    const rows = [buildRegisterRow(source({}, { decision: decision(), obligations: [obligation()] }), now), buildRegisterRow(source({ reference: 'BR-2026-0002' }), now)];
    const { bom, records } = parseCsv(registerCsv(rows));
    expect(bom).toBe(true);
    expect(records[0]).toEqual(REGISTER_CSV_HEADER);
    expect(records).toHaveLength(3);
    for (const record of records) expect(record).toHaveLength(REGISTER_CSV_HEADER.length);
  });

  it('puts the facts, the decision, the filing and the lateness in their columns', () => {
    const [row] = parseCsvObjects(registerCsv([buildRegisterRow(source({}, { decision: decision(), obligations: [obligation()] }), now)]));
    expect(row).toMatchObject({
      reference: 'BR-2026-0001',
      organisation: 'Netox Oy',
      affected_countries: 'FI; SE',
      data_categories: 'basic; financial',
      subjects_approx: '240',
      records_approx: '3600',
      risk_level: 'risk',
      notify_authority: 'true',
      decision_reasons: 'RISK.RISK: A risk to the people concerned. (GDPR Art. 33(1))',
      overridden: 'false',
      authority_due_at: '2026-11-23T10:00:00.000Z',
      authority_submitted_at: '2026-11-24T12:30:00.000Z',
      authority_reference: 'DPA-2026-0042',
      authority_delay_reasons: 'Forensics confirmed the scope only on Monday.',
      lateness: 'late',
      hours_late: '26.5',
    });
    expect(row.notifications).toContain('ref DPA-2026-0042 | late 26.5 h | delay: Forensics confirmed');
  });

  it('adds containment and the controllers at the end, so that the earlier columns keep their positions', () => {
    expect(REGISTER_CSV_HEADER.slice(-3)).toEqual(['containment', 'contained_at', 'controllers']);
    expect(REGISTER_CSV_HEADER.indexOf('hours_late')).toBe(38);
    const [contained, ongoing] = parseCsvObjects(
      registerCsv([
        buildRegisterRow(source({ role: 'processor', controllers: ['Kauppa Oy', 'Koulu; Opisto ry, Oulu'] }), now),
        buildRegisterRow(source({ reference: 'BR-2026-0002', containedAt: null }), now),
      ]),
    );
    // One name per line: a name may hold commas and semicolons.
    expect(contained).toMatchObject({ containment: 'contained', contained_at: '2026-11-20T11:15:00.000Z', controllers: 'Kauppa Oy\nKoulu; Opisto ry, Oulu' });
    expect(ongoing).toMatchObject({ containment: 'ongoing', contained_at: '', controllers: '' });
  });

  it('neutralises a hostile controller name', () => {
    const [row] = parseCsvObjects(registerCsv([buildRegisterRow(source({ role: 'processor', controllers: ['=HYPERLINK("http://evil","x")', 'Koulu ry'] }), now)]));
    expect(row!.controllers).toBe(`'=HYPERLINK("http://evil","x")\nKoulu ry`);
  });

  it('leaves unknown facts and a missing assessment empty', () => {
    const [row] = parseCsvObjects(registerCsv([buildRegisterRow(source({ recordsApprox: null, awareAt: null, status: 'investigating' }), now)]));
    expect(row).toMatchObject({ aware_at: '', records_approx: '', data_categories: '', risk_level: '', overridden: '', notifications: '', lateness: 'none', hours_late: '' });
  });

  it.each([
    ['title', { title: '=HYPERLINK("http://evil","x")' }, "'=HYPERLINK(\"http://evil\",\"x\")"],
    ['description', { description: '+1' }, "'+1"],
    ['likely_consequences', { likelyConsequences: '-2+3' }, "'-2+3"],
    ['measures_taken', { measuresTaken: '@SUM(A1)' }, "'@SUM(A1)"],
    ['measures_proposed', { measuresProposed: '\t=1' }, "'\t=1"],
    ['description', { description: 'He said "stop", then:\n=1+1, twice\r\nend' }, 'He said "stop", then:\n=1+1, twice\r\nend'],
  ])('neutralises or round-trips hostile text in %s', (column, patch, expected) => {
    const [row] = parseCsvObjects(registerCsv([buildRegisterRow(source(patch), now)]));
    expect(row[column]).toBe(expected);
  });

  it('neutralises a hostile organisation name and subject categories', () => {
    const hostile = source({ organisation: { id: 'o', legalName: '=2+5' }, subjectCategories: ['-customers'] });
    const [row] = parseCsvObjects(registerCsv([buildRegisterRow(hostile, now)]));
    expect(row).toMatchObject({ organisation: "'=2+5", subject_categories: "'-customers" });
  });
});
