import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Config } from '../config/schema.ts';
import { UserError } from '../util/errors.ts';
import type { PdfTheme } from './pdf.ts';
import { siteSettings, type SiteSettings } from './site.ts';

/**
 * The files an edition prints besides the brief's text: the account's QR code and the font folders.
 * They come from the config and nowhere else: a brief.json is data an editor (or anyone who can hand
 * one to `xinzhi render`) writes, so a path in it never reaches the file system.
 */
export interface RenderAssets {
  formats: Config['render']['formats'];
  /** Folders Typst may load fonts from, resolved against the config file's folder. */
  fontPaths: string[];
  /** The QR code under the footer, checked to be an image; null when the config names none. */
  qr: ConfigImage | null;
  /** `brief.footer.qrImage` as the config writes it: what brief.json records as printed. */
  qrSetting: string | null;
  /** The PDF's look (render.pdf.theme), its logo read and checked like the QR image. */
  pdfTheme: PdfTheme;
  /** The archive site's settings (brief title and publisher, site.baseUrl and site.slug). */
  site: SiteSettings;
  /** The fonts the Word edition names (render.docx). */
  docx: Config['render']['docx'];
  /** The WeChat edition's colours and QR address (render.wechat). */
  wechat: Config['render']['wechat'];
}

/** The image formats an edition embeds, each known by its bytes. */
export type ImageKind = 'png' | 'jpeg' | 'svg';

/** An image a config key names, read and checked: its bytes and the format they are. */
export interface ConfigImage {
  /** The config key that named it (brief.footer.qrImage, render.pdf.theme.logo), for messages. */
  key: string;
  kind: ImageKind;
  bytes: Buffer;
}

/** A QR code or logo is a few kilobytes; a larger file is not what the key is meant to name. */
export const maxImageBytes = 1024 * 1024;

/** Where fonts live on Debian and macOS: folders the system, not the config, provides. */
export const systemFontFolders = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', '/Library/Fonts'];

/** The MIME type of an image kind, for a data: address. */
export function imageMime(kind: ImageKind): string {
  return kind === 'svg' ? 'image/svg+xml' : `image/${kind}`;
}

/** An image as a data: address: the only kind of image source the HTML edition's security policy allows. */
export function imageDataUri(image: ConfigImage): string {
  return `data:${imageMime(image.kind)};base64,${image.bytes.toString('base64')}`;
}

/** What comes before an SVG's root element: white space, the XML declaration, comments, a DOCTYPE. */
const svgProlog = /^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*/i;

/**
 * The format a file is by its first bytes (PNG and JPEG signatures, an XML text whose root is <svg>),
 * or null: a file's name says nothing, so /etc/passwd named qr.png is no image.
 */
export function imageKind(bytes: Buffer): ImageKind | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const text = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  return /^<svg[\s>/]/.test(text.replace(svgProlog, '')) ? 'svg' : null;
}

/**
 * What makes an SVG unfit to embed, or null: a DTD or entity (which could pull in a file), a script,
 * an event handler, foreign HTML, or a reference to anything but the SVG's own parts and inline
 * images (href, url(), @import). Typst reads an SVG's relative links from its project root and a
 * browser may show an SVG outside an <img>: an image we print must need nothing but its own bytes.
 */
export function svgProblem(text: string): string | null {
  const found = [
    /<!(?:DOCTYPE|ENTITY)\b/i,
    /<script\b/i,
    /<foreignObject\b/i,
    /\son[a-z]+\s*=/i,
    /@import\b/i,
    /url\(\s*(?!['"]?(?:#|data:image\/(?:png|jpeg|gif);base64,))[^)]*\)/i,
    /\bhref\s*=\s*(["'])(?!#|data:image\/(?:png|jpeg|gif);base64,)[^"']*\1/i,
  ].map((pattern) => pattern.exec(text)?.[0]).find((match) => match !== undefined);
  return found === undefined ? null : found.slice(0, 60);
}

/** Whether a path is the folder itself or under it; both already resolved (and real, where they exist). */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/** The real path, symlinks followed, or null when nothing is there. Other errors are the caller's to name. */
function realPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The folders a config may read files from: its own folder and, when it sets one, `render.assetsDir`. */
export function assetFolders(configFile: string, assetsDir: string | undefined): string[] {
  const folders = [realpathSync(dirname(resolve(configFile)))];
  if (assetsDir !== undefined) {
    const folder = resolve(folders[0]!, assetsDir);
    let real: string | null = null;
    try {
      real = statSync(folder).isDirectory() ? realpathSync(folder) : null;
    } catch {
      // Missing or unreadable: refused below like a file that is no folder.
    }
    if (real === null) throw new UserError(`配置键 render.assetsDir 指向的 ${folder} 不是可读的目录`, `config key render.assetsDir: ${folder} is not a readable folder`);
    folders.push(real);
  }
  return folders;
}

function outside(key: string, path: string, real: string, folders: readonly string[]): UserError {
  const via = real === path ? '' : `（实际指向 ${real}）`;
  const viaEn = real === path ? '' : ` (it points to ${real})`;
  return new UserError(
    `配置键 ${key} 指向的 ${path}${via}不在 ${folders.join('、')} 之内：图片和字体只从配置文件所在目录或 render.assetsDir 读取`,
    `config key ${key}: ${path}${viaEn} is outside ${folders.join(', ')}: images and fonts are read only from the config file's folder or render.assetsDir`,
  );
}

/**
 * Reads the image a config key names. `value` is resolved against `folders[0]` (the config file's
 * folder) and, symlinks followed, must lie inside one of `folders`; it must be a regular file of at
 * most maxImageBytes whose bytes are a PNG, a JPEG or a self-contained SVG (svgProblem). Returns the
 * bytes and their kind. Throws a one-line UserError naming the key for anything else, so no file the
 * config does not place beside itself is ever embedded in an edition.
 */
export function readConfigImage(key: string, value: string, folders: readonly string[]): ConfigImage {
  const path = resolve(folders[0]!, value);
  const cannotRead = (code: string) => new UserError(`配置键 ${key} 指向的文件 ${path} 无法读取（${code}）`, `config key ${key}: cannot read ${path} (${code})`);
  let real: string | null;
  try {
    real = realPath(path);
  } catch (err) {
    throw cannotRead((err as NodeJS.ErrnoException).code ?? 'error');
  }
  if (real === null) throw cannotRead('ENOENT');
  if (!folders.some((folder) => isInside(real, folder))) throw outside(key, path, real, folders);
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // The real path holds no symlink: O_NOFOLLOW keeps one swapped in since from being followed, and
    // O_NONBLOCK keeps a FIFO from hanging the open before fstat refuses it.
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UserError(`配置键 ${key} 指向的 ${path} 不是普通文件`, `config key ${key}: ${path} is not a regular file`);
    if (stat.size > maxImageBytes) throw tooLarge(key, path);
    bytes = readFileSync(fd);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw cannotRead((err as NodeJS.ErrnoException).code ?? 'error');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // It may have grown between fstat and the read.
  if (bytes.length > maxImageBytes) throw tooLarge(key, path);
  const kind = imageKind(bytes);
  if (!kind) throw new UserError(`配置键 ${key} 指向的文件 ${path} 不是 PNG、JPEG 或 SVG 图片（按文件内容判断）`, `config key ${key}: ${path} is not a PNG, JPEG or SVG image (by its bytes)`);
  const problem = kind === 'svg' ? svgProblem(bytes.toString('utf8')) : null;
  if (problem) throw new UserError(`配置键 ${key} 指向的 SVG ${path} 含有脚本或外部引用：${problem}`, `config key ${key}: the SVG ${path} holds a script or an outside reference: ${problem}`);
  return { key, kind, bytes };
}

function tooLarge(key: string, path: string): UserError {
  return new UserError(`配置键 ${key} 指向的图片 ${path} 超过 ${maxImageBytes} 字节`, `config key ${key}: the image ${path} is larger than ${maxImageBytes} bytes`);
}

/**
 * The font folders of `render.fontPaths`, resolved against `folders[0]` (the config file's folder).
 * Each must lie, symlinks followed, inside one of `folders` or a system font folder; a folder that
 * does not exist is kept (Typst skips it, and assertCjkFont says when no folder holds a CJK font).
 * Throws a UserError naming render.fontPaths for one outside: Typst would scan it whole for fonts.
 */
export function configFontPaths(fontPaths: readonly string[], folders: readonly string[]): string[] {
  const allowed = [...folders, ...systemFontFolders.map((folder) => realPath(folder) ?? folder)];
  return fontPaths.map((value) => {
    const path = resolve(folders[0]!, value);
    let real: string;
    try {
      real = realPath(path) ?? path;
    } catch {
      real = path;
    }
    if (!allowed.some((folder) => isInside(real, folder))) {
      const error = outside('render.fontPaths', path, real, folders);
      throw new UserError(`${error.message}（或系统字体目录 ${systemFontFolders.join('、')}）`, `${error.en} (or a system font folder: ${systemFontFolders.join(', ')})`);
    }
    return path;
  });
}

/**
 * Everything the editions and the archive site need from the config, read and checked once: the
 * formats, the font folders, the QR image, the PDF's theme and logo, the Word and WeChat settings, the
 * site's settings. Call it before the slow work of a run, so a bad key fails at once. Throws a UserError
 * naming the key at fault (render.assetsDir, render.fontPaths, brief.footer.qrImage — also when it is an
 * SVG and render.formats has docx: Word needs a PNG or JPEG —, render.pdf.theme.logo).
 */
export function renderAssets(configFile: string, config: Pick<Config, 'brief' | 'render' | 'site'>): RenderAssets {
  const folders = assetFolders(configFile, config.render.assetsDir);
  // Font folders first, then the image: the first key at fault is the one named.
  const fontPaths = configFontPaths(config.render.fontPaths, folders);
  const qrSetting = config.brief.footer.qrImage;
  const qr = qrSetting ? readConfigImage('brief.footer.qrImage', qrSetting, folders) : null;
  if (qr?.kind === 'svg' && config.render.formats.includes('docx')) {
    throw new UserError(
      `配置键 brief.footer.qrImage 指向的是 SVG 图片，Word 版（render.formats 中的 docx）只能嵌入 PNG 或 JPEG：请改用 PNG 或 JPEG，或从 render.formats 中去掉 docx`,
      `config key brief.footer.qrImage names an SVG image; the Word edition (docx in render.formats) embeds only PNG or JPEG: use a PNG or JPEG, or take docx out of render.formats`,
    );
  }
  const { logo, ...theme } = config.render.pdf.theme;
  return {
    formats: config.render.formats,
    fontPaths,
    qr,
    qrSetting,
    pdfTheme: { ...theme, logo: logo ? readConfigImage('render.pdf.theme.logo', logo, folders) : null },
    site: siteSettings(config),
    docx: config.render.docx,
    wechat: config.render.wechat,
  };
}
