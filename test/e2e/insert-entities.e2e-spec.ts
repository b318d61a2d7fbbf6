/**
 * insertEntities writes its statement from TypeORM's metadata instead of using the query
 * builder, and unnestPart as arrays a column: the rows they store must be exactly those
 * TypeORM's own insert stores.
 */
import { randomUUID } from 'node:crypto';
import { type InsertPart, insertEntities, unnestPart } from '../../src/database/insert-entities.js';
import { IncidentEntity } from '../../src/modules/incidents/incident.entity.js';
import { TimelineEntryEntity } from '../../src/modules/incidents/timeline-entry.entity.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('insertEntities', () => {
  let t: TestApp;
  let organisationId: string;
  beforeAll(async () => {
    t = await createTestApp();
    organisationId = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['processor'] })).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const incident = (reference: string, overrides: Partial<IncidentEntity> = {}) =>
    t.db.manager.create(IncidentEntity, {
      id: randomUUID(),
      organisationId,
      reference,
      title: 'It\'s "quoted", {braced} and\nmultiline',
      role: 'processor',
      detectedAt: new Date('2026-11-20T09:30:00.123Z'),
      awareAt: null,
      occurredAt: null,
      containedAt: null,
      classifiedAt: null,
      affectedCountries: ['FI', 'SE'],
      recordsApprox: 9_007_199_254_740_991,
      subjectCategories: ['customers, former', 'pupils {1}'],
      likelyConsequences: null,
      measuresTaken: 'x',
      measuresProposed: null,
      controllers: [{ name: 'Acme "Oy"', contactEmail: 'dpo@acme.test', reference: 'C-1' }],
      createdBy: 'e2e',
      ...overrides,
    });

  const stored = (ids: string[]) =>
    t.db.query(`SELECT * FROM incidents WHERE id = ANY($1::uuid[]) ORDER BY reference`, [ids]).then((rows: Array<Record<string, unknown>>) =>
      rows.map(({ id: _id, reference: _reference, created_at: _created, updated_at: _updated, ...rest }) => rest),
    );

  it('stores the same rows as TypeORM insert, and gives back what the database filled in', async () => {
    await t.db.transaction(async (manager) => {
      const ours = [incident('BR-2026-0901'), incident('BR-2026-0902', { description: undefined, status: undefined })];
      const theirs = [incident('BR-2026-0903'), incident('BR-2026-0904', { description: undefined, status: undefined })];
      await insertEntities(manager, IncidentEntity, ours);
      await manager.insert(IncidentEntity, theirs as never);
      // Defaults and dates come back into the entities; the version is 1 as TypeORM writes it.
      for (const entity of ours) {
        expect(entity.createdAt).toBeInstanceOf(Date);
        expect(entity.updatedAt).toBeInstanceOf(Date);
        expect(entity.version).toBe(1);
      }
      expect(ours[1]?.description).toBe('');
      expect(ours[1]?.status).toBe('investigating');
    });
    const ids = await t.db.query(`SELECT id FROM incidents WHERE organisation_id = $1`, [organisationId]);
    const [a, b, c, d] = await stored(ids.map((r: { id: string }) => r.id));
    expect(a).toEqual(c);
    expect(b).toEqual(d);
    expect(a).toMatchObject({ records_approx: '9007199254740991', affected_countries: ['FI', 'SE'], controllers: [{ name: 'Acme "Oy"', contactEmail: 'dpo@acme.test', reference: 'C-1' }] });
  });

  it('gives identities back in the order of the entities, and writes nothing when given none', async () => {
    const [{ id: incidentId }] = await t.db.query(`SELECT id FROM incidents WHERE organisation_id = $1 LIMIT 1`, [organisationId]);
    const entries = ['first', 'second', 'third'].map((summary) => ({ incidentId, organisationId, at: new Date(), actor: 'e2e', action: 'note', summary, changes: { a: { from: [1], to: { b: null } } }, requestId: null }));
    await insertEntities(t.db.manager, TimelineEntryEntity, entries);
    const rows = await t.db.query(`SELECT id, summary, changes FROM incident_timeline WHERE id = ANY($1::bigint[]) ORDER BY id`, [entries.map((e) => (e as { id?: string }).id)]);
    expect(rows.map((r: { summary: string }) => r.summary)).toEqual(['first', 'second', 'third']);
    expect(rows.map((r: { id: string }) => String(r.id))).toEqual(entries.map((e) => String((e as { id?: string }).id)));
    expect(rows[0].changes).toEqual({ a: { from: [1], to: { b: null } } });
    await expect(insertEntities(t.db.manager, TimelineEntryEntity, [])).resolves.toBeUndefined();
  });

  it('splits what PostgreSQL could not take in one statement (65,535 parameters) and keeps the order', async () => {
    const [{ id: incidentId }] = await t.db.query(`SELECT id FROM incidents WHERE organisation_id = $1 LIMIT 1`, [organisationId]);
    // 9,000 rows of 8 parameters: 72,000 in all.
    const entries = Array.from({ length: 9000 }, (_, i) => ({ incidentId, organisationId, at: new Date(), actor: 'e2e', action: 'bulk', summary: `row ${i}`, changes: {}, requestId: `r${i}` }));
    expect(entries.length * 8).toBeGreaterThan(65_535);
    await insertEntities(t.db.manager, TimelineEntryEntity, entries);
    const rows = await t.db.query(`SELECT id, summary FROM incident_timeline WHERE incident_id = $1 AND action = 'bulk' ORDER BY id`, [incidentId]);
    expect(rows).toHaveLength(9000);
    expect(rows.map((r: { summary: string }) => r.summary)).toEqual(entries.map((e) => e.summary));
    expect(rows.map((r: { id: string }) => String(r.id))).toEqual(entries.map((e) => String((e as { id?: string }).id)));
  });

  describe('unnestPart (each column as one array)', () => {
    const run = async (part: InsertPart) => part.fill(await t.db.query(part.text, part.parameters));

    it('stores the same rows as TypeORM insert, arrays and JSON with quotes, braces, commas, backslashes and nulls included', async () => {
      const awkward = { affectedCountries: ['FI', 'SE'], subjectCategories: ['customers, former', 'pupils {1}', 'back\\slash "quoted"', 'NULL', ''] };
      const ours = [incident('BR-2026-0911', awkward), incident('BR-2026-0912', { ...awkward, recordsApprox: null, subjectCategories: [] })];
      const theirs = [incident('BR-2026-0913', awkward), incident('BR-2026-0914', { ...awkward, recordsApprox: null, subjectCategories: [] })];
      const part = unnestPart(t.db.manager, IncidentEntity, ours, 1);
      expect(part).not.toBeNull();
      // The text does not depend on the number of rows.
      expect(unnestPart(t.db.manager, IncidentEntity, [incident('BR-2026-0999')], 1)?.text).toBe(part?.text);
      await run(part as InsertPart);
      await t.db.manager.insert(IncidentEntity, theirs as never);
      for (const entity of ours) {
        expect(entity.createdAt).toBeInstanceOf(Date);
        expect(entity.version).toBe(1);
      }
      const [a, b, c, d] = await stored([...ours, ...theirs].map((e) => e.id as string));
      expect(a).toEqual(c);
      expect(b).toEqual(d);
      expect(a).toMatchObject({ subject_categories: ['customers, former', 'pupils {1}', 'back\\slash "quoted"', 'NULL', ''], records_approx: '9007199254740991' });
      expect(b).toMatchObject({ subject_categories: [], records_approx: null });
    });

    it('gives identities back in the order of the entities', async () => {
      const [{ id: incidentId }] = await t.db.query(`SELECT id FROM incidents WHERE organisation_id = $1 LIMIT 1`, [organisationId]);
      const entries = Array.from({ length: 50 }, (_, i) => ({ incidentId, organisationId, at: new Date(), actor: 'e2e', action: 'unnest', summary: `row ${i}`, changes: { title: { from: `t${i}`, to: null } }, requestId: null }));
      await run(unnestPart(t.db.manager, TimelineEntryEntity, entries, 1) as InsertPart);
      const rows = await t.db.query(`SELECT id, summary, changes FROM incident_timeline WHERE incident_id = $1 AND action = 'unnest' ORDER BY id`, [incidentId]);
      expect(rows.map((r: { summary: string }) => r.summary)).toEqual(entries.map((e) => e.summary));
      expect(rows.map((r: { id: string }) => String(r.id))).toEqual(entries.map((e) => String((e as { id?: string }).id)));
      expect(rows[7].changes).toEqual({ title: { from: 't7', to: null } });
    });

    it('leaves to insertPart a column with a default that some rows set and others leave to it', async () => {
      const mixed = [incident('BR-2026-0921', { status: 'investigating' }), incident('BR-2026-0922', { status: undefined })];
      expect(unnestPart(t.db.manager, IncidentEntity, mixed, 1)).toBeNull();
      // Unset in every row: the default, for all of them.
      const defaulted = [incident('BR-2026-0923', { status: undefined }), incident('BR-2026-0924', { status: undefined })];
      await run(unnestPart(t.db.manager, IncidentEntity, defaulted, 1) as InsertPart);
      const rows = await t.db.query(`SELECT status FROM incidents WHERE id = ANY($1::uuid[])`, [defaulted.map((e) => e.id)]);
      expect(rows.map((r: { status: string }) => r.status)).toEqual(['investigating', 'investigating']);
    });
  });
});
