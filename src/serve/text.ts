import type { Lang } from '../util/i18n.ts';

/** A table of one page's words: each key in Chinese and English, `{0}` … for what is put in. */
export type TextTable = Record<string, Readonly<Record<Lang, string>>>;

/**
 * The words of a desk page in the reader's language: `const say = pageText({...})`, then
 * `say(lang, 'key', arg0, …)`. Each page keeps its own table beside its code; a key it lacks is a type error.
 */
export function pageText<T extends TextTable>(table: T): (lang: Lang, key: keyof T & string, ...args: (string | number)[]) => string {
  return (lang, key, ...args) => table[key]![lang].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

/** The words every page shares: the frame, sign-in, errors. */
export const common = pageText({
  product: { zh: '编辑台', en: 'Editor’s desk' },
  today: { zh: '今日', en: 'Today' },
  archive: { zh: '归档', en: 'Archive' },
  sources: { zh: '来源', en: 'Sources' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  name: { zh: '账号', en: 'Account' },
  password: { zh: '密码', en: 'Password' },
  badLogin: { zh: '账号或密码不正确', en: 'Wrong account or password' },
  triesLeft: { zh: '；再错 {0} 次，账号将锁定 {1} 分钟', en: '; {0} more wrong and the account is locked for {1} minutes' },
  tooManyTries: { zh: '登录失败次数过多，请 {0} 分钟后再试', en: 'Too many failed sign-ins: try again in {0} minutes' },
  signedInAs: { zh: '{0}（{1}）', en: '{0} ({1})' },
  'role.editor': { zh: '编辑', en: 'editor' },
  'role.viewer': { zh: '只读', en: 'viewer' },
  otherLang: { zh: 'English', en: '中文' },
  forbidden: { zh: '只读账号不能修改：需要编辑权限', en: 'A viewer cannot change anything: this needs an editor' },
  csrf: { zh: '请求已失效或来源不明（CSRF 校验未通过）：返回上一页刷新后再提交', en: 'The request expired or came from elsewhere (CSRF check failed): go back, reload and submit again' },
  notFound: { zh: '没有这个页面', en: 'No such page' },
  badRequest: { zh: '请求有误：{0}', en: 'Bad request: {0}' },
  serverError: { zh: '出错了：{0}', en: 'Something went wrong: {0}' },
  back: { zh: '返回', en: 'Back' },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  // Short headings of the error pages: the sentence that explains is said once, below (layout.messagePage).
  'heading.forbidden': { zh: '没有权限', en: 'Not allowed' },
  'heading.signIn': { zh: '需要登录', en: 'Sign-in needed' },
  signInFirst: { zh: '请先登录，再提交', en: 'Sign in first, then submit again' },
  'heading.csrf': { zh: '表单已过期', en: 'Form expired' },
  'heading.badRequest': { zh: '请求有误', en: 'Bad request' },
  'heading.serverError': { zh: '出错了', en: 'Something went wrong' },
});
