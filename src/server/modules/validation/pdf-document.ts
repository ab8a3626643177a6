import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { embedUnicodeFonts, wrapText } from '../../platform/pdf-fonts';

export interface PdfSection {
  heading: string;
  lines: readonly string[];
}

export interface PdfInput {
  title: string;
  subtitle?: string;
  sections: readonly PdfSection[];
  /** Written into the document information dictionary. */
  language: 'en' | 'ru';
  /** Fixed creation date so that the same content gives the same bytes (tests, checksums). */
  createdAt: Date;
}

/** Tabs and other control characters have no glyph; everything else is drawn as written (Cyrillic included). */
export function toPdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += char === '\n' || char >= ' ' ? char : ' ';
  return out;
}

/** A plain A4 document in DejaVu Sans (so Russian letters are real Cyrillic): title, optional subtitle, then headed sections of wrapped text, paginated. */
export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(toPdfText(input.title));
  pdf.setLanguage(input.language);
  pdf.setProducer('OpenAEO');
  pdf.setCreator('OpenAEO');
  pdf.setCreationDate(input.createdAt);
  pdf.setModificationDate(input.createdAt);
  const { regular, bold } = await embedUnicodeFonts(pdf);
  const [pageWidth, pageHeight] = [595.28, 841.89];
  const margin = 56;
  const width = pageWidth - 2 * margin;
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const draw = (text: string, font: PDFFont, size: number, gap = 4) => {
    for (const line of wrapText(toPdfText(text), font, size, width)) {
      if (y - size < margin) {
        page = pdf.addPage([pageWidth, pageHeight]);
        y = pageHeight - margin;
      }
      page.drawText(line, { x: margin, y: y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + gap;
    }
  };
  draw(input.title, bold, 16, 6);
  if (input.subtitle) draw(input.subtitle, regular, 10, 4);
  y -= 8;
  for (const section of input.sections) {
    y -= 6;
    draw(section.heading, bold, 12, 4);
    for (const line of section.lines.length ? section.lines : ['-']) draw(line, regular, 10, 3);
  }
  return Buffer.from(await pdf.save());
}
