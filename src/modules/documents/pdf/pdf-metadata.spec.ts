import { PDFDocument } from 'pdf-lib';
import { appendInformation, type PdfMetadata } from './pdf-metadata.js';

const META: PdfMetadata = { title: 'T', subject: 'S', author: 'A', language: 'en', creator: 'c', producer: 'p', date: new Date('2026-11-23T12:00:00Z') };

describe('appendInformation', () => {
  it('declines a PDF not laid out as Chromium lays it out (a cross-reference stream, no tags)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.setLanguage('en');
    expect(appendInformation(await doc.save({ useObjectStreams: true }), META)).toBeNull();
    expect(appendInformation(await doc.save({ useObjectStreams: false }), META)).toBeNull(); // untagged
  });

  it('declines what is not a PDF at all', () => {
    expect(appendInformation(Buffer.from('not a pdf'), META)).toBeNull();
    expect(appendInformation(Buffer.from('%PDF-1.4\ntrailer\n<</Size 3 /Root 9 0 R>>\nstartxref\n999999\n%%EOF'), META)).toBeNull();
  });
});
