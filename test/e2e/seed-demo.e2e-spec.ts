import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { seedDemoIfEmpty } from '../../src/database/seed-demo.js';
import { FixedClock } from '../../src/shared/domain/clock.js';
import { withScratchDatabase } from '../setup/scratch-database.js';
import { adminAgent, NOW } from '../setup/test-app.js';

interface Org {
  id: string;
  legalName: string;
  country: string;
  timeZone: string;
  roles: string[];
  contact: { kind: string; email: string | null };
  notifyWhenInDoubt: boolean;
  controllerNoticeWindowHours: number;
  breachNoticeCommitment: string | null;
}

/** The five first users, from their privacy policies, on an empty database. */
describe('demo seed', () => {
  it('creates the five organisations from the seed policies, one incident each, only on an empty database', async () => {
    await withScratchDatabase('seed', async (url) => {
      const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'error', SCHEDULER_ENABLED: 'false' }), databaseUrl: url, clock: new FixedClock(NOW) });
      await app.init();
    await app.getHttpAdapter().getInstance().ready();
      try {
        expect(await seedDemoIfEmpty(app)).toBe(5);
        expect(await seedDemoIfEmpty(app)).toBe(0);

        const http = await adminAgent(app);
        const orgs: Org[] = (await http.get('/api/organisations').expect(200)).body.items;
        const byName = (fragment: string) => orgs.find((o) => o.legalName.includes(fragment)) as Org;
        expect(orgs).toHaveLength(5);

        // Cloudnovi (BE): notifies "in case of doubt"; its DPO e-mail is not published.
        expect(byName('Cloudnovi')).toMatchObject({ country: 'BE', timeZone: 'Europe/Brussels', notifyWhenInDoubt: true, contact: { kind: 'dpo', email: null } });
        // The Lithuanian-hosted service promises customers and authorities notice within 72 h by e-mail.
        expect(byName('Lithuania')).toMatchObject({ country: 'LT', controllerNoticeWindowHours: 72, contact: { email: null } });
        expect(byName('Lithuania').breachNoticeCommitment).toContain('within 72 hours by e-mail');
        // Facts from the policies: DPO and contact e-mails where given, none invented.
        expect(byName('Technology Nexus')).toMatchObject({ country: 'SE', contact: { kind: 'dpo', email: 'dpo@nexusgroup.com' } });
        expect(byName('Netox')).toMatchObject({ country: 'FI', contact: { kind: 'contact_point', email: 'tietosuoja@netox.fi' } });
        expect(byName('Noux')).toMatchObject({ country: 'FI', contact: { kind: 'dpo', email: null } });
        // Processors for their customers.
        for (const name of ['Noux', 'Netox', 'Technology Nexus', 'Lithuania']) expect(byName(name).roles).toContain('processor');
        expect(orgs.filter((o) => !o.notifyWhenInDoubt).map((o) => o.legalName)).not.toContain('Cloudnovi');

        const incidents = (await http.get('/api/incidents').expect(200)).body;
        expect(incidents.total).toBe(5);
        expect(new Set(incidents.items.map((i: { organisationId: string }) => i.organisationId)).size).toBe(5);
        expect(incidents.items.every((i: { reference: string }) => i.reference === 'BR-2026-0001')).toBe(true);
      } finally {
        await app.close();
      }
    });
  });
});
