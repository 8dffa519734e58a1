import type { Brief } from '../domain/brief.ts';
import { chineseFullDate } from '../util/time.ts';

/** The heading of the block every format prints for a corrected edition. */
export const CORRECTIONS_HEADING = '更正说明';

/**
 * The lines of an edition's 更正说明 block, oldest first: `2026年6月19日 12:00（北京时间）：<note>`, the
 * time read from `at` as written (Beijing wall-clock time, +08:00: briefSchema allows no other offset) and
 * the editor's note as given. Plain text: each renderer escapes the whole line as it escapes any brief
 * text. [] for a brief without corrections, so such a brief renders as it did before the field existed.
 */
export function correctionLines(brief: Pick<Brief, 'corrections'>): string[] {
  return (brief.corrections ?? []).map(({ at, note }) => `${chineseFullDate(at.slice(0, 10))} ${at.slice(11, 16)}（北京时间）：${note}`);
}
