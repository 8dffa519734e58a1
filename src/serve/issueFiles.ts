import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file of an issue's folder the desk offers for download. */
export interface IssueFile {
  name: string;
  bytes: number;
}

/** The formats an editor reaches for first, in that order; other files follow by name. */
const FILE_ORDER = ['brief.pdf', 'brief.docx', 'brief.html', 'brief.wechat.html', 'brief.json', 'brief.md', 'index.html'];

/** A file name the desk serves: a plain name of letters, digits, . _ -, not hidden (no /, no .., no leading dot). */
const SERVABLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

/** The content types of the formats an issue is written in (src/pipeline/render.ts), by file ending. */
const CONTENT_TYPES: readonly (readonly [string, string])[] = [
  ['.pdf', 'application/pdf'],
  ['.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['.html', 'text/html; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.md', 'text/markdown; charset=utf-8'],
];

/** A file's content type by its ending; application/octet-stream for any other. */
export function contentTypeOf(name: string): string {
  return CONTENT_TYPES.find(([ending]) => name.endsWith(ending))?.[1] ?? 'application/octet-stream';
}

/**
 * The real folder of an issue: out/DATE is a relative symlink to a hidden version folder beside it
 * (src/util/atomicDir.ts), so the link is followed, and the folder it leads to must sit directly in the
 * output folder itself. Undefined when there is none, or when the link leads anywhere else. `issueDate`
 * must already be a checked YYYY-MM-DD (parseIssueDate).
 */
export function issueFolder(outDir: string, issueDate: string): string | undefined {
  try {
    const root = realpathSync(outDir);
    const folder = realpathSync(join(outDir, issueDate));
    return dirname(folder) === root ? folder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The regular files of an issue's folder with servable names, the usual formats first (FILE_ORDER), then by name; a symlink, a folder or a
 * hidden file is not one. [] when the issue has no folder.
 */
export function issueFiles(outDir: string, issueDate: string): IssueFile[] {
  const folder = issueFolder(outDir, issueDate);
  if (!folder) return [];
  const files: IssueFile[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !SERVABLE_NAME.test(entry.name)) continue;
    // A dirent of a symlink is not a file: lstat's size is the file's own.
    files.push({ name: entry.name, bytes: lstatSync(join(folder, entry.name)).size });
  }
  const rank = (name: string) => (FILE_ORDER.includes(name) ? FILE_ORDER.indexOf(name) : FILE_ORDER.length);
  return files.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/**
 * The bytes of one file of an issue's folder, or undefined when `name` is not a plain name of a regular
 * file directly in that folder: a name with / or .., a hidden name, a symlink (opened with O_NOFOLLOW, so
 * one swapped in after a check is refused too), a folder.
 */
export function readIssueFile(outDir: string, issueDate: string, name: string): Buffer | undefined {
  if (!SERVABLE_NAME.test(name)) return undefined;
  const folder = issueFolder(outDir, issueDate);
  if (!folder) return undefined;
  let fd: number;
  try {
    fd = openSync(join(folder, name), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd) : undefined;
  } finally {
    closeSync(fd);
  }
}
