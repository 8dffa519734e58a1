/**
 * Text that came from outside — a scraped page, a model's answer — read as data (issue 15: "model output
 * is data, never authority"). A page can carry a sentence written for a model (忽略以上指令…) and a model
 * that obeys it writes the sentence into the brief: verbatim, so every quote check passes. These rules say
 * what no sentence of a brief may be, whatever its source: an address, a call to the reader, a remark about
 * the system, the model, the prompt or the page. Pure functions over text.
 */
import { normaliseText } from '../util/normalise.ts';

/** What a sentence of the brief may not be: the kind of fault, by the check that reports it. */
export type SentenceFault = 'address' | 'instructions' | 'system';

/** One fault found in a sentence: its kind and the words that show it. */
export interface SentenceFinding {
  fault: SentenceFault;
  /** The matched words, as the normalised sentence writes them. */
  words: string;
}

/**
 * Where a reader would be sent: a URL, a domain (evil.example), an e-mail address, a telephone number
 * (mobile, landline with its area code, 400/800 lines), a contact label (电话：, 微信号：), a QR code or an
 * account to add or follow. A brief names documents and bodies, and links only from its references, which
 * are built from stored metadata: no sentence of its prose needs any of these.
 */
const addressPatterns: readonly RegExp[] = [
  /\b(?:https?|ftp):\/\/[\w\-.~:/?#[\]@!$&'()*+,;=%]+/i,
  // Addresses a page or an editor may write that run or embed something rather than lead anywhere.
  /\b(?:javascript|vbscript|data|file):[^\s，。；]*/i,
  // From the start of its run only: tried at each character of a long run (a base64 blob, 2020-2020-…),
  // the greedy run would rescan the rest of it each time.
  /(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/i,
  // A host name: labels and a top-level part of letters only, so 5.5G, V3.1 and 1.5 are not one.
  /(?<![\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\w-])/i,
  /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/,
  /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/,
  /(?<!\d)[48]00[- ]?\d{3}[- ]?\d{4}(?!\d)/,
  /(?:联系电话|咨询电话|服务热线|热线电话|举报电话|电话|热线|手机号?|微信号?|QQ群?|vx|邮箱|电子邮件|e-?mail)\s*[:：]\s*\S/i,
  /(?:加|添加)(?:微信|QQ|好友|v信|vx)/i,
  /(?:扫描?|长按|识别)(?:下方|上方|以下|下面|图中|图片|此|该|这个)?二维码/,
  /扫码(?:关注|添加|加入|领取|下载|进群|联系|访问|报名|咨询|登录)/,
  /关注[^，,。；;]{0,10}公众号|公众号\s*[:：“]/,
];

/**
 * A call to the reader to do something: visit, click, scan, contact, call, log in, forward, pay. A policy
 * text directs bodies (各地区要立即部署…), which these leave alone; they take 请/立即 before an act a
 * reader does on a screen or a phone.
 */
const readerPatterns: readonly RegExp[] = [
  /请(?:您|读者|各位|大家|用户|广大用户)?(?:立即|马上|立刻|尽快|务必|速|及时)?(?:访问|点击|点开|打开链接|扫码|扫描|联系|拨打|致电|添加|关注|登录|登陆|下载|转发|前往|发送|回复|私信|加入|转账|汇款)/,
  /(?:立即|马上|立刻|赶紧|赶快|速来|速去)(?:访问|点击|点开|扫码|联系|拨打|致电|添加|关注|登录|登陆|下载|转发|前往|转账|汇款|领取)/,
  /点击(?:此处|这里|链接|下方|上方|以下|进入|查看|阅读|下载|原文|图片)|阅读原文/,
  /\b(?:click (?:here|the link|below)|visit (?:us|our|the site|https?)|contact us|call us|scan the (?:qr )?code|sign up|subscribe now)\b/i,
];

/**
 * Words addressed to a model or an AI system: an instruction to drop its instructions, a system prompt, a
 * role it is told to take, text it is told to put out. Such a sentence in a page is planted: no official
 * text speaks to a model. 指令 and 系统 alone are policy words (指令集, 系统推进), so they count only in
 * these phrases.
 */
const modelPatterns: readonly RegExp[] = [
  /(?:忽略|忽视|无视|忘记|忘掉|不要理会|不必理会)(?:掉)?(?:以上|上述|上面|之前|此前|先前|前面|前述|所有|全部|一切|原有|原来|你的|您的|系统)(?:的)?(?:所有|全部|一切)?(?:的)?(?:指令|指示|提示|要求|规则|规范|设定|设置|约束|限制|内容)/,
  /系统提示|提示词|系统指令|系统消息|system\s*prompt|系统设定/i,
  /(?:新的?|以下|下列|如下|最新|最高)(?:指令|命令)|指令如下|执行(?:以下|下列|如下|我的)(?:指令|命令)/,
  /你现在是|你现在扮演|从现在(?:起|开始)[，,]?\s*你|你必须(?:输出|回答|只输出|改为)|你(?:的)?(?:任务|角色)(?:是|已|现在)/,
  // 请将以下信息报送… is a notice's; 请将以下内容…, and text to be put out as it stands, are a prompt's.
  /(?:请|务必)(?:将|把)以下(?:内容|文字|句子)|(?:将|把)以下(?:内容|文字|句子|信息)(?:原样|原封不动地?|逐字)?(?:作为|写入|写进|输出|插入|加入|放入|填入|替换)/,
  /(?:将|把)(?:标题|摘要|每一?[条节段])(?:都)?(?:改为|替换为|写成|写为|改写为)/,
  /\b(?:ignore|disregard|forget|override)\b[^.。]{0,30}\b(?:instructions?|prompts?|rules|guidelines|directions)\b/i,
  /\byou are now\b|\bact as (?:an?|the)\b|\bfrom now on,? you\b|\bdeveloper mode\b|\bjailbreak\b|\bnew instructions?\b/i,
  /越狱模式|开发者模式|角色扮演/,
];

/**
 * Remarks about the system that writes the brief, the model, or the page a source was read from: the brief
 * speaks of what bodies did, never of itself or of its pipeline (系统已被攻破, 作为AI, 本网页).
 */
const selfPatterns: readonly RegExp[] = [
  /本系统|该系统提示|系统管理员|系统(?:已|已经)?(?:被)(?:攻破|入侵|黑|劫持|接管|篡改|控制)|系统(?:已|已经)?(?:遭到|遭受)(?:攻击|入侵)/,
  // A model speaking of itself (作为AI语言模型，我…); 作为人工智能产业的重要支撑 and 作为人工智能大省，我省 are a policy's.
  /作为(?:一个|一名)?(?:AI|人工智能)?(?:大?语言模型|AI|人工智能|助手|聊天机器人|模型)[，,]?\s*我(?![国省市区县们])|我是(?:一个|一名)?(?:AI|人工智能|大?语言模型|AI助手|智能助手|聊天机器人)/i,
  /\bas an ai\b|\bi am an ai\b/i,
  /(?:原|源|本|该|此|这个|上述)(?:网页|页面)|网页(?:中|上|里|内容|提示|要求|显示)|页面(?:提示|要求|显示|内容)/,
  // 非法爬取数据 is a data regulation's subject; the pipeline's own words are not.
  /抓取(?:的|到的)?(?:网页|页面|内容|原文)/,
];

/** The sentences of a text: ended by 。！？； (either width) or a line. Pure. */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[。！？；!?;])|\n/).map((s) => s.trim()).filter((s) => s !== '');
}

const firstMatch = (patterns: readonly RegExp[], text: string) => {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
};

/**
 * The faults of one sentence of the brief: an address, a call to the reader, or words about the system,
 * the model, the prompt or the page (a planted instruction among them). Read through normaliseText, so a
 * traditional, full-width or zero-width-split copy of the words is the same words. Empty when the sentence
 * may stand. A sentence verbatim in its source is judged alike: the planted sentence is verbatim.
 * Judged on its own words: an address written with an ideographic full stop (evil。example) is not read as one.
 */
export function sentenceFindings(sentence: string): SentenceFinding[] {
  // Full-width forms of ASCII marks too (ｅｖｉｌ．ｅｘａｍｐｌｅ, ＠): normaliseText keeps Chinese punctuation.
  const text = normaliseText(sentence).replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const findings: SentenceFinding[] = [];
  // Every address, not the first: a finding names each one a reader would be sent to.
  const addresses = addressPatterns.map((pattern) => pattern.exec(text)?.[0]).filter((words) => words !== undefined);
  for (const words of new Set(addresses)) {
    // evil.example within policy@evil.example is one address.
    if (!addresses.some((other) => other !== words && other.includes(words))) findings.push({ fault: 'address', words });
  }
  const reader = firstMatch(readerPatterns, text);
  if (reader) findings.push({ fault: 'instructions', words: reader });
  const system = firstMatch(modelPatterns, text) ?? firstMatch(selfPatterns, text);
  if (system) findings.push({ fault: 'system', words: system });
  return findings;
}

/**
 * The sentences of a page's text that speak to a model (忽略以上指令, 系统提示, ignore previous
 * instructions, you are now…, 请将以下内容…): planted instructions, which `explain` shows and the model
 * writer hands over labelled as data. A page's calls to its readers (请登录…) and its remarks about itself
 * (本网页…) are a page's ordinary business and are not flagged here; the brief refuses them anyway.
 */
export function plantedInstructions(text: string): string[] {
  return sentencesOf(text).filter((sentence) => firstMatch(modelPatterns, normaliseText(sentence)) !== null);
}
