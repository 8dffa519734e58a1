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
