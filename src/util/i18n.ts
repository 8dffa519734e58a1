/** User-facing messages of the CLI, in Chinese first with English available (`--lang en`). */
export type Lang = 'zh' | 'en';

const messages = {
  usage: {
    zh: '用法：xinzhi <命令> [选项]\n命令：run demo brief render explain extract import sources verify\n通用选项：--config 文件  --data 目录  --out 目录  --lang zh|en  --json',
    en: 'usage: xinzhi <command> [options]\ncommands: run demo brief render explain extract import sources verify\ncommon options: --config FILE  --data DIR  --out DIR  --lang zh|en  --json',
  },
  unknownCommand: { zh: '未知命令：{0}', en: 'unknown command: {0}' },
  notYet: { zh: '命令 {0} 尚未实现', en: 'command {0} is not implemented yet' },
  badDate: { zh: '日期格式错误：{0}（应为 YYYY-MM-DD）', en: 'bad date: {0} (expected YYYY-MM-DD)' },
  needDate: { zh: '缺少 --date YYYY-MM-DD', en: 'missing --date YYYY-MM-DD' },
  failed: { zh: '失败：{0}', en: 'failed: {0}' },
  summaryTitle: { zh: '运行摘要 {0}', en: 'run summary {0}' },
  sourcesRead: { zh: '读取来源', en: 'sources read' },
  pagesFetched: { zh: '抓取页面', en: 'pages fetched' },
  documentsKept: { zh: '保留文档', en: 'documents kept' },
  storyGroups: { zh: '报道组', en: 'story groups' },
  itemsChosen: { zh: '入选条目', en: 'items chosen' },
  checksFailed: { zh: '未通过的核查', en: 'failed checks' },
  briefTitle: { zh: '简报 {0}', en: 'brief {0}' },
  documentsInWindow: { zh: '时间窗口内文档', en: 'documents in the window' },
  checksRun: { zh: '核查 {0} 项，未通过 {1} 项', en: '{0} checks, {1} failed' },
  sourceErrors: { zh: '来源错误', en: 'source errors' },
  sourceAlerts: { zh: '需要关注的来源', en: 'sources to look at' },
  notArchived: { zh: '另有 {0} 个来源不在归档中', en: '{0} more sources not in the archive' },
  linksSkipped: { zh: '{0} 个链接已抓取过或过旧，未再抓取', en: '{0} links seen before or too old, not fetched' },
  stageSeconds: { zh: '各阶段耗时（秒）', en: 'seconds per stage' },
  wrote: { zh: '已写入', en: 'wrote' },
  verifyOk: { zh: '核查通过：{0}', en: 'all checks passed: {0}' },
  verifyFailed: { zh: '核查未通过：{0} 项', en: 'checks failed: {0}' },
  issuer: { zh: '发文机关', en: 'issuer' },
  notPickedSame: { zh: '未入选：与已入选的《{0}》为同一文件', en: 'not picked: the same document as the picked 《{0}》' },
  notPickedRank: { zh: '未入选：按重要性（计入同一主题、同一机构的折扣）排在入选条目之后，每期最多 {0} 条', en: 'not picked: ranked below the picks (after the discount for a repeated theme or body); at most {0} items an issue' },
  jointOf: { zh: '等{0}部门', en: ' and others ({0} bodies)' },
  tier: { zh: '层级', en: 'tier' },
  'issuerHow.title': { zh: '见于标题', en: 'named in the title' },
  'issuerHow.docNumber': { zh: '由文号判断', en: 'from the document number' },
  'issuerHow.signature': { zh: '见于落款', en: 'from the signature' },
  'issuerHow.lead': { zh: '见于导语', en: 'from the lead sentence' },
  'issuerHow.source': { zh: '见于来源标注', en: 'from the 来源 line' },
  'issuerHow.place': { zh: '标题所冠地名（未见发文机关，记为当地人民政府）', en: 'the place the title names (no body named: its people’s government)' },
  'issuerHow.none': { zh: '文中未写明，按来源标注或刊载网站', en: 'not named in the text: the 来源 line or the site that carried it' },
  'tierHow.registry': { zh: '机构名录', en: 'registry of bodies' },
  'tierHow.form': { zh: '按机构名称形式', en: 'from the form of the name' },
  'tierHow.site': { zh: '按刊载网站', en: 'from the site' },
  withheld: { zh: '未通过核查、未发布的条目：{0} 条', en: 'sections withheld (failed checks): {0}' },
  needsReview: { zh: '已写入，需编辑审核：撤下 {0} 条，未通过的核查 {1} 项', en: 'written, needs review: {0} sections withheld, {1} checks failed' },
  explainTitle: { zh: '{0} 期候选：文档 {1} 篇，报道组 {2} 个，入选 {3} 条（按重要性排序）', en: 'candidates of the {0} issue: {1} documents, {2} story groups, {3} picked (most significant first)' },
  explainLegend: { zh: '✓ 入选 · 低于相关度阈值 {0}，不参与选择', en: '✓ picked · below the relevance threshold {0}, not eligible' },
  reposted: { zh: '（{0} 家转载）', en: ' ({0} reposts)' },
  relevance: { zh: '相关度', en: 'relevance' },
  halved: { zh: '折半', en: 'halved' },
  abstract: { zh: '摘要', en: 'abstract' },
  llmWriter: { zh: '模型写作：{0} · 调用 {1} 次 · 词元 输入 {2} / 输出 {3} · 费用 {4}', en: 'model writer: {0} · {1} calls · tokens in {2} / out {3} · cost {4}' },
  llmFallbacks: { zh: '改用抽取式文本的部分：{0} 处', en: 'parts that fell back to the extractive text: {0}' },
  significance: { zh: '重要性', en: 'significance' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export function t(lang: Lang, key: MessageKey, ...args: (string | number)[]): string {
  return messages[key][lang].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}
