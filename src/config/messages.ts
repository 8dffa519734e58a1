/**
 * The config schemas' own messages (the rules zod cannot word: a colour's form, a secret's place) in
 * Chinese. The schemas write them in English; zod words its generic ones in either language itself
 * (z.locales.zhCN), so together a config error reads wholly in the user's language.
 */
import { chineseOf } from '../util/i18n.ts';

/** Each English message of the schemas (src/config/schema.ts, src/config/publish.ts) and its Chinese. */
const chinese: [RegExp, string][] = [
  [/^the name of an environment variable \(upper-case letters, digits, underscores\), not the secret itself$/, '应为环境变量的名称（大写字母、数字、下划线），而不是密钥本身'],
  [/^lowercase letters, digits and dashes$/, '只能用小写字母、数字和连字符'],
  [/^an e-mail address$/, '应为电子邮件地址'],
  [/^user and passwordEnv go together \(an SMTP login needs both\)$/, 'user 与 passwordEnv 须同时给出（SMTP 登录两者都要）'],
  [/^secrets are never written in the config: put it in an environment variable and name that variable with (\S+)$/, '密钥不写在配置中：请放入环境变量，并用 $1 写明变量名'],
  [/^channel name (.+) is used twice$/, '渠道名 $1 重复'],
  [/^robots and webhooks link to the full issue: set publish\.linkBase$/, '机器人与 Webhook 要链接全文：请设置 publish.linkBase'],
  [/^an http\(s\) address, such as (\S+)$/, '应为 http(s) 地址，例如 $1'],
  [/^an http\(s\) address$/, '应为 http(s) 地址'],
  [/^body needs method: POST$/, 'body 需要 method: POST'],
  [/^a form body holds text, numbers, true\/false or lists of them \(bodyType: json for nested values\)$/, '表单请求体只能是文本、数字、true/false 或它们的列表（嵌套的值用 bodyType: json）'],
  [/^disabled takes a reason \(a sentence saying why the source is not crawled\), not true\/false$/, 'disabled 应写明原因（一句话说明为何不抓取该来源），而不是 true/false'],
  [/^disabled takes a reason, and the reason is empty$/, 'disabled 应写明原因，但原因为空'],
  [/^#rrggbb$/, '应为 #rrggbb 形式的颜色'],
  [/^a font family name \(letters, digits, spaces and - \. _ & \+\), such as (.+)$/, '应为字体族名（字母、数字、空格及 - . _ & +），例如 $1'],
  [/^writer\.kind llm needs writer\.llm \(baseUrl, model\)$/, 'writer.kind 为 llm 时需要 writer.llm（baseUrl、model）'],
  [/^sqlite, or a postgres:\/\/ address$/, '应为 sqlite，或 postgres:// 开头的地址'],
  [/^letters, digits, dots, underscores and dashes$/, '只能用字母、数字、点、下划线和连字符'],
  [/^(.+) is no body of the registry$/, '$1 不是机构名录中的机构（请先在 bodies 中列出）'],
  [/^until is before from$/, 'until 早于 from'],
  [/^YYYY-MM-DD$/, '应为 YYYY-MM-DD 形式的日期'],
];

/** A schema's own message in Chinese; a message this table does not know (zod's own, already Chinese) is returned as it is. */
export function chineseMessage(message: string): string {
  return chineseOf(chinese, message);
}
