import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * DejaVu Sans for PDFs: the standard PDF fonts cover Latin only, and official documents go out in Russian (and
 * Kazakh) too. The font files come from the `dejavu-fonts-ttf` package; only the glyphs used are embedded.
 */
const require = createRequire(import.meta.url);
let files: { regular: Uint8Array; bold: Uint8Array } | undefined;

function fontFiles(): { regular: Uint8Array; bold: Uint8Array } {
  if (!files) {
    const dir = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');
    files = {
      regular: readFileSync(`${dir}DejaVuSans.ttf`),
      bold: readFileSync(`${dir}DejaVuSans-Bold.ttf`),
    };
  }
  return files;
}

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export async function embedUnicodeFonts(pdf: PDFDocument): Promise<PdfFonts> {
  pdf.registerFontkit(fontkit);
  const { regular, bold } = fontFiles();
  return {
    regular: await pdf.embedFont(regular, { subset: true }),
    bold: await pdf.embedFont(bold, { subset: true }),
  };
}

/**
 * Lines of at most `maxWidth` points: paragraphs kept, words wrapped, and a single token too long for a line (a hash,
 * a DID) cut so it stays on the page.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const width = (value: string) => font.widthOfTextAtSize(value, size);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/u)) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate) <= maxWidth || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.flatMap((line) => {
    if (width(line) <= maxWidth) return [line];
    const perLine = Math.max(10, Math.floor((line.length * maxWidth) / width(line)));
    const parts: string[] = [];
    for (let i = 0; i < line.length; i += perLine) parts.push(line.slice(i, i + perLine));
    return parts;
  });
}
