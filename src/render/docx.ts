import {
  AlignmentType,
  BorderStyle,
  ConcreteHyperlink,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
  type IRunStylePropertiesOptions,
  type ParagraphChild,
} from 'docx';
import { sectionNumber, type Brief } from '../domain/brief.ts';
import { formatReference } from '../brief/references.ts';
import type { Config } from '../config/schema.ts';
import { chineseFullDate } from '../util/time.ts';
import type { ConfigImage } from './assets.ts';
import { correctionLines, CORRECTIONS_HEADING } from './corrections.ts';
import { escapeHtml, linkTarget } from '../util/escape.ts';
import type { EditionOptions } from './html.ts';

/** The fonts the Word edition names (render.docx). */
export type DocxFonts = Config['render']['docx'];

/** What the Word edition takes besides the brief: the QR code, which addresses may link, the fonts. */
export interface DocxOptions extends EditionOptions {
  fonts: DocxFonts;
}

/** The house red of every edition (the HTML's #9b1c1c), as Word writes a colour. */
const red = '9B1C1C';
const grey = '595959';
/** Sizes in half-points, as Word counts them: 小四 (12 pt) body, 四号 (14 pt) headings, 二号 (22 pt) title. */
const size = { body: 24, heading: 28, title: 44, small: 21, footer: 18 };
/** Two characters of 12 pt, in twentieths of a point: a Chinese paragraph's first-line indent. */
const twoChars = 480;
/** The QR code's side: 3 cm (the PDF's), in the pixels at 96 dpi docx measures images in. */
const qrPixels = Math.round((3 / 2.54) * 96);
const referenceList = 'references';

/** A run of text: docx escapes it and drops the control characters XML cannot carry. */
function run(text: string, style: IRunStylePropertiesOptions = {}): TextRun {
  return new TextRun({ ...style, text });
}

/**
 * The document's core properties (docProps/core.xml), written here so that its dates are the issue's
 * own (00:00 of the issue date, +08:00) rather than the time of rendering, which docx writes: the same
 * brief.json gives the same file. Title and publisher are text, escaped.
 */
function coreProperties(brief: Brief): string {
  const at = new Date(`${brief.date}T00:00:00+08:00`).toISOString().replace(/\.000Z$/, 'Z');
  // As docx writes text: escaped, and without the control characters XML 1.0 cannot carry.
  // eslint-disable-next-line no-control-regex -- those characters are what is removed
  const text = (value: string) => escapeHtml(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${text(`${brief.title} ${chineseFullDate(brief.date)}`)}</dc:title>`,
    `<dc:creator>${text(brief.publisher)}</dc:creator>`,
    '<dc:language>zh-CN</dc:language>',
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}

/**
 * The config's QR code, centred, 3 cm square, the account's name its alt text. Word takes a PNG or a
 * JPEG (an SVG needs a raster copy beside it): renderAssets refuses an SVG when docx is configured, so
 * one here is a fault of ours and throws.
 */
function qrParagraph(qr: ConfigImage, account: string): Paragraph {
  if (qr.kind === 'svg') throw new Error('the Word edition embeds a PNG or JPEG QR code only (renderAssets refuses an SVG)');
  // The one drawing, so its id is 1: docx would number it from a counter that runs across documents.
  const image = new ImageRun({ type: qr.kind === 'png' ? 'png' : 'jpg', data: qr.bytes, transformation: { width: qrPixels, height: qrPixels }, altText: { id: '1', name: 'QR', title: account, description: account } });
  return new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [image] });
}

/**
 * The Word edition, for editors who open it in Word or WPS and carry on: the masthead, the date line,
 * the abstract, a table of contents field (TOC \o "1-1" \h, filled from the headings and updated by
 * Word when the file opens), each section a Heading 1 with its paragraphs, the references as a
 * numbered list, and the footer block with the config's QR code. Chinese text is set in the config's
 * fonts (render.docx), the language zh-CN. Every string from the brief is a run's text: no field, link
 * or style comes from it, and a reference links only to an http(s) address `linkable` allows. The
 * same brief gives the same bytes (stampZip). Returns the .docx file.
 */
export async function renderDocx(brief: Brief, options: DocxOptions): Promise<Buffer> {
  const { fonts } = options;
  const font = (eastAsia: string) => ({ eastAsia, ascii: fonts.latinFont, hAnsi: fonts.latinFont, cs: fonts.latinFont });
  const centred = (text: string, style: IRunStylePropertiesOptions, after = 80) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [run(text, style)] });
  const label = (text: string) => new Paragraph({ style: 'Label', children: [run(text)] });

  const masthead = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(brief.title)] }),
    centred(brief.publisher, { size: size.body }),
    ...(brief.producers ? [centred(brief.producers, { size: size.small, color: grey })] : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      border: { bottom: { style: BorderStyle.DOUBLE, size: 6, color: red, space: 6 } },
      children: [run(chineseFullDate(brief.date), { size: size.body })],
    }),
  ];
  const headings = brief.items.map((item) => `${sectionNumber(item.n)}${item.headline}`);
  const sections = brief.items.flatMap((item, i) => [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(headings[i]!)] }),
    ...item.paragraphs.map((paragraph) => new Paragraph({ children: [run(paragraph)] })),
  ]);
  const links: { id: string; href: string }[] = [];
  const references = brief.references.map((reference) => {
    const href = options.linkable(reference.url) ? linkTarget(reference.url) : null;
    const link: ParagraphChild[] = [];
    if (href) {
      // ExternalHyperlink names its relationship at random; a link of our own naming keeps the file the same each time.
      const id = `Ref${links.length + 1}`;
      links.push({ id, href });
      link.push(new TextRun(' '), new ConcreteHyperlink([new TextRun({ text: href, style: 'Hyperlink' })], id) as unknown as ParagraphChild);
    }
    return new Paragraph({ style: 'Reference', numbering: { reference: referenceList, level: 0 }, children: [run(formatReference(reference)), ...link] });
  });
  const corrections = correctionLines(brief);
  const correctionBlock = corrections.length > 0 ? [label(CORRECTIONS_HEADING), ...corrections.map((line) => new Paragraph({ indent: { firstLine: 0 }, children: [run(line)] }))] : [];
  const footer = [
    new Paragraph({ spacing: { before: 720 }, border: { top: { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6', space: 12 } }, children: [] }),
    ...(options.qr ? [qrParagraph(options.qr, brief.footer.account)] : []),
    ...[brief.footer.account, brief.footer.platform, brief.footer.disclaimer].filter(Boolean).map((line) => centred(line, { size: size.small, color: grey }, 40)),
  ];

  const document = new Document({
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: font(fonts.bodyFont), size: size.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 400, after: 120 }, indent: { firstLine: twoChars }, alignment: AlignmentType.JUSTIFIED },
        },
        title: {
          run: { font: font(fonts.headingFont), size: size.title, bold: true, color: red, characterSpacing: 40 },
          paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { before: 240, after: 240 } },
        },
        heading1: {
          run: { font: font(fonts.headingFont), size: size.heading, bold: true, color: '1D1D1F' },
          // Outline level 1 (0 counted from zero): what WPS's and Word's navigation panes list.
          paragraph: { indent: { firstLine: 0 }, spacing: { before: 480, after: 240 }, keepNext: true, outlineLevel: 0 },
        },
        hyperlink: { run: { color: '1F4E79', underline: {} } },
      },
      paragraphStyles: [
        // The abstract's and the contents' titles: headings to the eye, not to the outline (as in the PDF).
        { id: 'Label', name: '栏目标题', basedOn: 'Normal', next: 'Normal', run: { font: font(fonts.headingFont), size: size.heading, bold: true }, paragraph: { indent: { firstLine: 0 }, spacing: { before: 360, after: 200 }, keepNext: true } },
        { id: 'Reference', name: '参考文献条目', basedOn: 'Normal', run: { size: size.small }, paragraph: { indent: { firstLine: 0 }, spacing: { line: 340, after: 100 } } },
      ],
    },
    numbering: {
      config: [{ reference: referenceList, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '[%1]', alignment: AlignmentType.START, style: { paragraph: { indent: { left: twoChars, hanging: twoChars } } } }] }],
    },
    sections: [{
      properties: { page: { margin: { top: 1361, bottom: 1474, left: 1417, right: 1417 } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [new TextRun({ children: [PageNumber.CURRENT], size: size.footer, color: grey })] })] }) },
      children: [
        ...masthead,
        ...correctionBlock,
        label('摘要'),
        new Paragraph({ shading: { fill: 'FAF7F0' }, children: [run(brief.abstract)] }),
        label('目录'),
        // The entries are written as the headings' text, for a reader that does not update fields; Word
        // updates the field as it opens the file (it is dirty, and updateFields is set), adding the page
        // numbers. Left to docx, the entries would bookmark the headings with ids from a counter that
        // runs across documents, and the same brief would not give the same file twice.
        new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-1', cachedEntries: [...headings, '参考文献'].map((title) => ({ title, level: 1 })) }),
        ...sections,
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run('参考文献')] }),
        ...references,
        ...footer,
      ],
    }],
  });
  for (const { id, href } of links) document.Document.Relationships.addRelationship(id, 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', href, 'External');
  const zip = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreProperties(brief) }]);
  return stampZip(zip, brief.date);
}

/**
 * The zip file with every entry's modification time set to 00:00 of `date` (YYYY-MM-DD): a zip records
 * the local wall-clock time each file was added, which docx leaves as now. Reads the central directory
 * (the end record without a comment, as docx writes it) and rewrites the time in each central and local
 * header. Returns a new buffer; throws when the bytes are not such a zip file.
 */
function stampZip(zip: Buffer, date: string): Buffer {
  const out = Buffer.from(zip);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  const end = out.length - 22;
  if (end < 0 || out.readUInt32LE(end) !== 0x06054b50) throw new Error('not a zip file without a comment');
  let at = out.readUInt32LE(end + 16);
  for (let i = out.readUInt16LE(end + 10); i > 0; i--) {
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(at) !== 0x02014b50 || out.readUInt32LE(local) !== 0x04034b50) throw new Error('a zip entry\'s header is not where its directory says');
    // The time, 00:00:00, then the date, in the central header and in the local one.
    for (const header of [at + 12, local + 10]) {
      out.writeUInt16LE(0, header);
      out.writeUInt16LE(dosDate, header + 2);
    }
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
