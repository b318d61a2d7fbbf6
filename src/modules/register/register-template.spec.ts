import type { DocumentRenderer } from '../documents/document-renderer.js';
import { buildRegister } from './domain/build-register.js';
import { decision, obligation, source } from './domain/register.fixtures.spec-helper.js';
import { buildRegisterViewModel, type RegisterViewModel } from './domain/register-view-model.js';
import { RegisterPdf } from './register-pdf.js';

const now = new Date('2026-11-23T12:00:00Z');
const register = new RegisterPdf(undefined as unknown as DocumentRenderer);

const html = (...sources: Parameters<typeof buildRegister>[0]) =>
  register.html(buildRegisterViewModel(buildRegister(sources, { now, period: { from: null, to: null }, organisationIds: ['o'] }), ['Netox Oy']));

describe('register template (strict Handlebars, string in, string out)', () => {
  it('prints every register element of a notified incident', () => {
    const override = { riskLevel: 'unlikely' as const, notifyAuthority: false, communicateSubjects: 'not_required' as const, notifyController: false, exemption: null, justification: 'Recipient is our auditor under NDA.', by: 'Mikko DPO', at: now };
    const out = html(source({}, { decision: decision({ override }), obligations: [obligation()] }));
    for (const expected of [
      'Register of personal data breaches (GDPR Art. 33(5))',
      'Netox Oy',
      'BR-2026-0001',
      '2026-11-20 09:30 UTC',
      '3,600',
      'basic, financial',
      'Phishing',
      'Recipient asked to delete',
      'DLP rule on exports',
      'A risk to the people concerned.',
      'GDPR Art. 33(1)',
      'Overridden</strong> by Mikko DPO',
      'Recipient is our auditor under NDA.',
      'DPA-2026-0042',
      'Filed 26.5 h late',
      'Reasons for the delay: Forensics confirmed the scope only on Monday.',
    ]) {
      expect({ expected, found: out.includes(expected) }).toEqual({ expected, found: true });
    }
  });

  it('prints containment, or ongoing, and a processor incident’s controllers', () => {
    const contained = html(source({ role: 'processor', controllers: ['Kauppa Oy', '<b>Koulu</b> ry'] }));
    expect(contained).toContain('<tr><th scope="row">Contained</th><td>2026-11-20 11:15 UTC</td></tr>');
    expect(contained).toContain('Controllers whose data is affected (GDPR Art. 33(2))</th><td>Kauppa Oy; &lt;b&gt;Koulu&lt;/b&gt; ry</td>');
    const ongoing = html(source({ role: 'processor', containedAt: null }));
    expect(ongoing).toContain('Ongoing: no containment recorded');
    expect(ongoing).toContain('<span class="unknown">None recorded</span>');
    expect(html(source())).not.toContain('Controllers whose data is affected');
  });

  it('prints a never-assessed incident and an empty register', () => {
    expect(html(source({ status: 'investigating', awareAt: null, recordsApprox: null }))).toContain('Not assessed.');
    expect(html()).toContain('No incident in this period.');
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src="http://evil/x.png">', '&lt;img src&#x3D;&quot;http://evil/x.png&quot;&gt;'],
    ['{{title}} & "quotes"', '{{title}} &amp; &quot;quotes&quot;'],
  ])('escapes %s', (hostile, escaped) => {
    const out = html(source({ title: hostile, description: hostile, organisation: { id: 'o', legalName: hostile } }));
    expect(out).toContain(escaped);
    expect(out).not.toContain(hostile);
  });

  it('fails on a field the view model lacks instead of printing a blank', () => {
    const vm = buildRegisterViewModel(buildRegister([source()], { now, period: { from: null, to: null }, organisationIds: [] }), []);
    const broken = { ...vm, incidents: vm.incidents.map(({ measuresTaken: _dropped, ...rest }) => rest) } as unknown as RegisterViewModel;
    expect(() => register.html(broken)).toThrow(/measuresTaken/);
  });

  it('loads nothing from outside the document', () => {
    const out = html(source({}, { decision: decision(), obligations: [obligation()] }));
    expect(out).not.toMatch(/\b(src|href)=|@import|url\(/i);
  });
});
