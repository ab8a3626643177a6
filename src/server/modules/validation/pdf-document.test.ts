import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf, toPdfText } from './pdf-document';

describe('renderPdf', () => {
  it('writes a paginated PDF with its title and language', async () => {
    const bytes = await renderPdf({
      title: 'Decision on application AEO-2026-ABC',
      sections: [
        { heading: 'Grounds', lines: Array.from({ length: 120 }, (_, i) => `Line ${i} of the grounds.`) },
      ],
      language: 'en',
      createdAt: new Date('2026-03-02T09:00:00Z'),
    });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parsed = await PDFDocument.load(bytes);
    expect(parsed.getTitle()).toBe('Decision on application AEO-2026-ABC');
    expect(parsed.getPageCount()).toBeGreaterThan(1);
  });

  it('writes Russian text in Cyrillic', async () => {
    const bytes = await renderPdf({
      title: 'Решение № 5 — «Степь»',
      sections: [{ heading: 'Основания', lines: ['Критерии выполнены.'] }],
      language: 'ru',
      createdAt: new Date('2026-03-02T09:00:00Z'),
    });
    expect((await PDFDocument.load(bytes)).getTitle()).toBe('Решение № 5 — «Степь»');
    expect(toPdfText('a\tb')).toBe('a b');
  });
});
