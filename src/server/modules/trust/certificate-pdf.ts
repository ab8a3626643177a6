import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, rgb } from 'pdf-lib';
import { embedUnicodeFonts, wrapText } from '../../platform/pdf-fonts';
import QRCode from 'qrcode';

/** Info-dictionary key holding the compact JWS, so an uploaded PDF can be verified without scanning its QR. */
const CREDENTIAL_INFO_KEY = 'AEOCredential';
const ATTACHMENT_NAME = 'aeo-certificate.jwt';

export interface CertificatePdfInput {
  credential: string;
  qrText: string;
  certificateNumber: string;
  legalName: string;
  taxpayerId: string;
  authorisationType: { en: string; ru: string };
  tier: string;
  sites: readonly { name?: string | undefined; address: string }[];
  validFrom: string;
  validUntil: string;
  issuer: string;
  credentialHash: string;
  verifyUrl: string;
  /** Fixed dates keep the bytes reproducible for one certificate. */
  issuedAt: Date;
}

const LABELS = {
  en: {
    title: 'Authorised Economic Operator Certificate',
    number: 'Certificate number',
    holder: 'Holder',
    taxpayerId: 'Taxpayer id',
    type: 'Authorisation type',
    tier: 'Tier',
    validity: 'Valid',
    sites: 'Sites covered',
    issuer: 'Issuer',
    hash: 'SHA-256 of the signed credential',
    qr: 'Scan to verify: the code carries the signed credential. Verify offline with `openaeo verify`, or at',
    to: 'to',
  },
  ru: {
    title: 'Свидетельство уполномоченного экономического оператора',
    number: 'Номер свидетельства',
    holder: 'Владелец',
    taxpayerId: 'Идентификационный номер',
    type: 'Тип',
    tier: 'Уровень',
    validity: 'Действует',
    sites: 'Объекты',
    issuer: 'Выдано',
    hash: 'SHA-256 подписанного свидетельства',
    qr: 'Отсканируйте код: в нём подписанное свидетельство. Проверка без сети: `openaeo verify`, или на сайте',
    to: 'по',
  },
} as const;

/** A4 certificate, one page in English and one in Russian, each with the QR code; the JWS is also embedded. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(`AEO certificate ${input.certificateNumber}`);
  pdf.setSubject(input.certificateNumber);
  pdf.setProducer('OpenAEO');
  pdf.setCreator('OpenAEO');
  pdf.setCreationDate(input.issuedAt);
  pdf.setModificationDate(input.issuedAt);
  pdf.setLanguage('en');
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of(CREDENTIAL_INFO_KEY), PDFHexString.fromText(input.credential));
  await pdf.attach(new TextEncoder().encode(input.credential), ATTACHMENT_NAME, {
    mimeType: 'application/vc+jwt',
    description: 'The signed AEO certificate (compact JWS)',
    creationDate: input.issuedAt,
    modificationDate: input.issuedAt,
  });

  const { regular: font, bold } = await embedUnicodeFonts(pdf);
  const qrPng = await QRCode.toBuffer(input.qrText, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
  const qr = await pdf.embedPng(qrPng);

  for (const language of ['en', 'ru'] as const) {
    const labels = LABELS[language];
    const page = pdf.addPage([595.28, 841.89]);
    let y = 790;
    const line = (value: string, options: { size?: number; isBold?: boolean; indent?: number } = {}) => {
      const size = options.size ?? 11;
      const usedFont = options.isBold ? bold : font;
      for (const chunk of wrapText(value, usedFont, size, 480)) {
        page.drawText(chunk, {
          x: 56 + (options.indent ?? 0),
          y,
          size,
          font: usedFont,
          color: rgb(0.1, 0.1, 0.1),
        });
        y -= size + 5;
      }
    };
    line(labels.title, { size: 17, isBold: true });
    y -= 10;
    const field = (label: string, value: string) => {
      line(label, { size: 9 });
      line(value, { size: 12, isBold: true, indent: 8 });
      y -= 4;
    };
    field(labels.number, input.certificateNumber);
    field(labels.holder, input.legalName);
    field(labels.taxpayerId, input.taxpayerId);
    field(labels.type, `${input.authorisationType[language]} (${labels.tier}: ${input.tier})`);
    field(labels.validity, `${input.validFrom} ${labels.to} ${input.validUntil}`);
    line(labels.sites, { size: 9 });
    for (const site of input.sites.slice(0, 8))
      line(`${site.name ? `${site.name}: ` : ''}${site.address}`, { indent: 8 });
    if (input.sites.length > 8) line(`+ ${input.sites.length - 8}`, { indent: 8 });
    y -= 4;
    field(labels.issuer, input.issuer);

    const size = Math.min(230, Math.max(140, y - 150));
    page.drawImage(qr, { x: 56, y: y - size, width: size, height: size });
    y -= size + 14;
    line(`${labels.qr} ${input.verifyUrl}`, { size: 8 });
    line(`${labels.hash}: ${input.credentialHash}`, { size: 7 });
  }
  return pdf.save({ useObjectStreams: false });
}

/** The credential a certificate PDF carries, or undefined for any other PDF (or something that is not a PDF). */
export async function extractCredentialFromPdf(bytes: Uint8Array): Promise<string | undefined> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return undefined;
  }
  const infoRef = pdf.context.trailerInfo.Info;
  if (!infoRef) return undefined;
  const info = pdf.context.lookup(infoRef);
  if (!(info instanceof PDFDict)) return undefined;
  const value = info.lookup(PDFName.of(CREDENTIAL_INFO_KEY));
  if (value instanceof PDFHexString || value instanceof PDFString) return value.decodeText().trim();
  return undefined;
}
