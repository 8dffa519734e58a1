// Renders one brief.json in every format, in a process of its own: what test/reproducible.test.ts runs
// twice, under different clocks, time zones and locales, to compare the files byte for byte.
//   node --import tsx test/renderOnce.ts BRIEF.json OUT_DIR QR.png [CLOCK_ISO]
// With CLOCK_ISO, JavaScript's clock reads that instant (Typst's, in native code, keeps the real one).
import { readFileSync } from 'node:fs';
import { mock } from 'node:test';
import { briefSchema } from '../src/domain/brief.ts';
import { defaultPdfTheme } from '../src/render/pdf.ts';
import { docxFontsSchema, renderFormats, wechatSchema } from '../src/config/schema.ts';
import { writeIssue } from '../src/pipeline/render.ts';

const [briefFile, outDir, qrFile, clock] = process.argv.slice(2);
if (!briefFile || !outDir || !qrFile) throw new Error('usage: renderOnce.ts BRIEF.json OUT_DIR QR.png [CLOCK_ISO]');
if (clock) mock.timers.enable({ apis: ['Date'], now: new Date(clock).getTime() });
const brief = briefSchema.parse(JSON.parse(readFileSync(briefFile, 'utf8')));
const assets = {
  formats: [...renderFormats],
  fontPaths: ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype'],
  qr: { key: 'brief.footer.qrImage', kind: 'png' as const, bytes: readFileSync(qrFile) },
  qrSetting: 'qr.png',
  docx: docxFontsSchema.parse({}),
  wechat: wechatSchema.parse({ qrImageUrl: 'https://mmbiz.qpic.cn/mmbiz_png/qr.png' }),
  pdfTheme: defaultPdfTheme,
  site: { title: brief.title, publisher: brief.publisher, slug: 'test', baseUrl: null },
};
process.stdout.write(await writeIssue(brief, outDir, assets, (url) => url.startsWith('https://')));
