import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFolderAtomically } from '../util/atomicDir.ts';

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
 * The real folder a name in `parent` (a real path) leads to: a folder itself, or a relative symlink to a
 * hidden version folder beside it (src/util/atomicDir.ts), followed; the folder it leads to must sit
 * directly in `parent`. Undefined when there is none, or when the name leads anywhere else.
 */
function folderIn(parent: string, name: string): string | undefined {
  try {
    const folder = realpathSync(join(parent, name));
    return dirname(folder) === parent ? folder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real folder of an issue: out/DATE is a relative symlink to a hidden version folder beside it
 * (src/util/atomicDir.ts), so the link is followed, and the folder it leads to must sit directly in the
 * output folder itself. Undefined when there is none, or when the link leads anywhere else. `issueDate`
 * must already be a checked YYYY-MM-DD (parseIssueDate).
 */
export function issueFolder(outDir: string, issueDate: string): string | undefined {
  try {
    return folderIn(realpathSync(outDir), issueDate);
  } catch {
    return undefined;
  }
}

/** The regular files of a folder with servable names, the usual formats first (FILE_ORDER), then by name; a symlink, a folder or a hidden file is not one. */
function filesOf(folder: string): IssueFile[] {
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
 * The bytes of a plain name of a regular file directly in `folder`, or undefined: a name with / or .., a
 * hidden name, a symlink (opened with O_NOFOLLOW, so one swapped in after a check is refused too), a folder.
 */
function readIn(folder: string, name: string): Buffer | undefined {
  if (!SERVABLE_NAME.test(name)) return undefined;
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

/**
 * The regular files of an issue's folder with servable names, the usual formats first (FILE_ORDER), then by name; a symlink, a folder or a
 * hidden file is not one. [] when the issue has no folder.
 */
export function issueFiles(outDir: string, issueDate: string): IssueFile[] {
  const folder = issueFolder(outDir, issueDate);
  return folder ? filesOf(folder) : [];
}

/**
 * The bytes of one file of an issue's folder, or undefined when `name` is not a plain name of a regular
 * file directly in that folder: a name with / or .., a hidden name, a symlink (opened with O_NOFOLLOW, so
 * one swapped in after a check is refused too), a folder.
 */
export function readIssueFile(outDir: string, issueDate: string, name: string): Buffer | undefined {
  if (!SERVABLE_NAME.test(name)) return undefined;
  const folder = issueFolder(outDir, issueDate);
  return folder ? readIn(folder, name) : undefined;
}

/**
 * Where the earlier editions of an issue are kept: out/DATE.editions/, beside the issue's folder (out/DATE
 * itself is replaced whole when a correction is rendered, src/util/atomicDir.ts). Edition N (1 the first
 * edition, 2 its first correction…) is out/DATE.editions/N/, written whole by writeFolderAtomically. The
 * archive site reads only YYYY-MM-DD names (src/render/site.ts), so it lists none of them.
 */
export function editionsFolderName(issueDate: string): string {
  return `${issueDate}.editions`;
}

/** The real folder of the issue's kept editions: a real folder directly in the output folder (no link), else undefined. */
function editionsFolder(outDir: string, issueDate: string): string | undefined {
  try {
    const root = realpathSync(outDir);
    const folder = join(root, editionsFolderName(issueDate));
    return realpathSync(folder) === folder && lstatSync(folder).isDirectory() ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** The real folder of edition `edition` of an issue, when it was kept (see editionsFolderName), else undefined. */
function editionFolder(outDir: string, issueDate: string, edition: number): string | undefined {
  if (!Number.isInteger(edition) || edition < 1) return undefined;
  const parent = editionsFolder(outDir, issueDate);
  return parent ? folderIn(parent, String(edition)) : undefined;
}

/** The files kept of edition `edition` of an issue (as issueFiles lists them); [] when none was kept. */
export function editionFiles(outDir: string, issueDate: string, edition: number): IssueFile[] {
  const folder = editionFolder(outDir, issueDate, edition);
  return folder ? filesOf(folder) : [];
}

/** One file kept of edition `edition` of an issue, by the rules of readIssueFile; undefined otherwise. */
export function readEditionFile(outDir: string, issueDate: string, edition: number, name: string): Buffer | undefined {
  if (!SERVABLE_NAME.test(name)) return undefined;
  const folder = editionFolder(outDir, issueDate, edition);
  return folder ? readIn(folder, name) : undefined;
}

/**
 * Keeps the files the issue's folder holds now as edition `edition` (out/DATE.editions/N/), before a
 * correction replaces them: what readers of that edition received stays downloadable. Does nothing when
 * that edition is kept already (a publish tried again) or the issue has no files. Throws a UserError
 * naming the folder when it cannot be written (writeFolderAtomically).
 */
export function keepEdition(outDir: string, issueDate: string, edition: number): void {
  if (editionFiles(outDir, issueDate, edition).length > 0) return;
  const folder = issueFolder(outDir, issueDate);
  if (!folder) return;
  const files: Record<string, Buffer> = {};
  for (const file of filesOf(folder)) {
    const bytes = readIn(folder, file.name);
    if (bytes) files[file.name] = bytes;
  }
  if (Object.keys(files).length === 0) return;
  const parent = join(outDir, editionsFolderName(issueDate));
  mkdirSync(parent, { recursive: true });
  writeFolderAtomically(join(parent, String(edition)), files);
}
