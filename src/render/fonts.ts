import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/errors.ts';

const cjkFontFile = /(CJK|SourceHan|wqy|Han(?:Sans|Serif)|SimSun|SimHei|Song|Hei).*\.(ttc|otf|ttf)$/i;

function containsCjkFont(dir: string, depth: number): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((entry) => (entry.isFile() && cjkFontFile.test(entry.name)) || (entry.isDirectory() && depth > 0 && containsCjkFont(join(dir, entry.name), depth - 1)));
}

/** A PDF without a CJK font would print empty boxes: refuse, and say how to install one. */
export function assertCjkFont(fontPaths: readonly string[]): void {
  if (!fontPaths.some((path) => containsCjkFont(path, 3))) {
    throw new UserError(
      `未找到中文字体（查找了 ${fontPaths.join('、')}）：请安装 fonts-noto-cjk 或在配置 render.fontPaths 中指定字体目录`,
      `no CJK font found in ${fontPaths.join(', ')}: install fonts-noto-cjk or set render.fontPaths in the config`,
    );
  }
}
