const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * 0–99 in Chinese numerals (三, 十二, 三十): how running text writes small counts. The brief uses them
 * for counts of its own issues, which are not facts of a source and so are kept apart from the Arabic
 * numbers the verifier looks for in the sources.
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`chineseNumber: ${n} is outside 0–99`);
  if (n < 10) return digits[n]!;
  const [tens, ones] = [Math.floor(n / 10), n % 10];
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** The value of each Chinese digit, 〇 and ○ as a year writes zero, 两 as counts write two. */
const digitValue: Record<string, number> = { 零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const unitValue: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese numeral's value (一百 → 100, 十五 → 15, 两千三百 → 2300, 一亿二千万 → 120000000); null when it is not one. */
export function chineseValue(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const char of text) {
    if (char in digitValue) {
      digit = digitValue[char]!;
    } else if (char in unitValue) {
      section += (digit ?? 1) * unitValue[char]!;
      digit = null;
    } else if (char === '万' || char === '亿') {
      total += (section + (digit ?? 0)) * (char === '万' ? 10_000 : 100_000_000);
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** Digits written one by one (二〇二五 → '2025', 零五 → '05'); null when a character is not a digit. */
export function chineseDigits(text: string): string | null {
  const values = [...text].map((char) => digitValue[char]);
  return values.every((v) => v !== undefined) ? values.join('') : null;
}
