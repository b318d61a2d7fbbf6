import { loadConfig } from '../../config/config.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { BrowserUnavailableError, RendererBusyError } from '../documents/pdf/pdf-renderer.js';
import { buildRegister } from './domain/build-register.js';
import { source } from './domain/register.fixtures.spec-helper.js';
import { buildRegisterViewModel } from './domain/register-view-model.js';
import { RegisterPdf } from './register-pdf.js';

const vm = buildRegisterViewModel(buildRegister([source()], { now: new Date('2026-11-23T12:00:00Z'), period: { from: null, to: null }, organisationIds: [] }), []);

/** The real DocumentRenderer (its error mapping is what the register relies on), with a Chromium that fails as told. */
const withRenderer = (renderer: () => unknown) => Object.assign(new DocumentRenderer(loadConfig({})), { renderer }) as DocumentRenderer;
const documents = (failure: () => never) => withRenderer(() => ({ render: async () => failure() }));

describe('register PDF without a usable Chromium', () => {
  it.each([
    ['no browser installed', () => withRenderer(() => { throw new Error('No Chromium found: CHROMIUM_PATH is not set'); })],
    ['the browser died', () => documents(() => { throw new BrowserUnavailableError('Chromium went away during the render'); })],
    ['every page busy', () => documents(() => { throw new RendererBusyError('all 2 PDF pages are busy'); })],
  ])('answers 503 DOCUMENT.RENDERER_UNAVAILABLE when %s', async (_label, make) => {
    await expect(new RegisterPdf(make()).render(vm, 'Aino DPO')).rejects.toMatchObject({ code: 'DOCUMENT.RENDERER_UNAVAILABLE', kind: 'unavailable' });
  });

  it('lets any other fault through (a 500 that leaks nothing)', async () => {
    const broken = documents(() => { throw new TypeError('bug'); });
    await expect(new RegisterPdf(broken).render(vm, 'Aino DPO')).rejects.toBeInstanceOf(TypeError);
  });
});
