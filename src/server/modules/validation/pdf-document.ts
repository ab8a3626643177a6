import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';

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

// GOST 7.79-2000 (system B) romanisation. The standard PDF fonts only cover Latin text; embedding a Cyrillic font
// needs @pdf-lib/fontkit and a font file, which are not part of the project yet (see the module's notes).
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'j',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ц: 'cz',
  ч: 'ch',
  ш: 'sh',
  щ: 'shh',
  ъ: "''",
  ы: "y'",
  ь: "'",
  э: "e'",
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
};

/** Text the standard Helvetica font can draw: Cyrillic romanised, typographic marks simplified, the rest "?". */
export function toPdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const lower = char.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin !== undefined) {
      out += char === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    } else if (char === '«' || char === '»' || char === '“' || char === '”') out += '"';
    else if (char === '—' || char === '–') out += '-';
    else if (char === '№') out += 'No.';
    else if (char === '\t') out += ' ';
    else out += /[\x20-\x7e\xa0-\xff]/u.test(char) ? char : '?';
  }
  return out;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of toPdfText(text).split(/\r?\n/u)) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A plain A4 document: title, optional subtitle, then headed sections of wrapped text, paginated. */
export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(toPdfText(input.title));
  pdf.setLanguage(input.language);
  pdf.setProducer('OpenAEO');
  pdf.setCreator('OpenAEO');
  pdf.setCreationDate(input.createdAt);
  pdf.setModificationDate(input.createdAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [pageWidth, pageHeight] = [595.28, 841.89];
  const margin = 56;
  const width = pageWidth - 2 * margin;
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const draw = (text: string, font: PDFFont, size: number, gap = 4) => {
    for (const line of wrap(text, font, size, width)) {
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
