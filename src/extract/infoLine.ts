/**
 * The info line under a Chinese headline (来源：… 发布时间：… 浏览次数：… 【字号：大 中 小】【打印】) read as
 * fields with known labels, whatever the spacing between them: CMSs (TRS, Hanweb, 博达) print the fields
 * glued together (来源:某某办公室访问量:), spread over spans, or leave a field empty (来源：  发布时间：…).
 * Labels are matched simplified or traditional (來源, 發布時間), as Hong Kong, Taiwan and some mainland
 * county sites print them.
 */

/** The labels of a field naming the body whose text the page carries: 来源：, 稿源：, 转自, 本文转载自. */
export const sourceLabel = String.raw`(?:(?:信息|文章|稿件)?[来來]源|稿源)\s*[:：]|(?:本文)?[转轉](?:[载載])?自\s*[:：]?`;

/** Labels of the other fields of an info line; each is followed by a colon. */
const otherFieldLabel = String.raw`(?:(?:(?:发|發)(?:布|佈|表)|更新)(?:[时時][间間]|日期)|(?:发|發)(?:布|佈)于|(?:发|發)(?:布|佈)於|[时時][间間]|日期|作者|[责責]任?[编編][辑輯]?|[编編][辑輯]|[记記]者|[通][讯訊][员員]|[浏瀏][览覽](?:次[数數]|量)|[访訪][问問](?:量|次[数數])|[点點][击擊](?:[数數]|量|率)|[阅閱][读讀](?:[数數]|量|次[数數]))\s*[:：]`;
/** The page's controls printed on the same line, with or without a colon: 字号 大 中 小, 打印, 分享到, 关闭. */
const controlLabel = String.raw`字[号號]|字[体體]|打印|分享|[关關][闭閉]|收藏|[纠糾][错錯]`;

/** Where the field after a source's name begins, or a mark that ends a name: a bar, a bracket, a comma, a date. */
const fieldEnd = new RegExp(String.raw`${sourceLabel}|${otherFieldLabel}|${controlLabel}|[|｜，。,；;【\[]|(?:19|20)\d{2}\s*[-年/.]|\d{1,2}:\d{2}`);

/** A line that is one of an info line's fields rather than text: 来源：…, 發布時間：…, 浏览次数：…. */
export const infoFieldAtStart = new RegExp(String.raw`^(?:${sourceLabel}|${otherFieldLabel})`);

/** A body's name within a source field: 国家数据局, 人民网-文化频道, 澎湃新闻·澎湃号 (not a count or a date). */
const nameToken = /^(?=.*[\p{Script=Han}A-Za-z])[\p{L}\p{N}·・\-－（）()]{2,30}$/u;

/**
 * The source field of a text: null when the text has no source label; '' when the field is empty
 * (来源：  发布时间：…); else the names it gives, several bodies separated by spaces kept in full
 * (来源：国家发展改革委 国家数据局), up to the next field, a bar, a comma or a date.
 */
export function sourceField(text: string): string | null {
  const label = new RegExp(sourceLabel).exec(text);
  if (!label) return null;
  const rest = text.slice(label.index + label[0].length);
  const end = fieldEnd.exec(rest);
  const value = (end ? rest.slice(0, end.index) : rest).trim();
  const names: string[] = [];
  for (const token of value.split(/\s+/)) {
    if (!nameToken.test(token)) break;
    names.push(token);
  }
  return names.join(' ');
}
