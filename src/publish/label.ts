import { t, type Lang } from '../util/i18n.ts';
import type { ChannelResult } from './dispatch.ts';

/** `wecom-main（企业微信）` / `wecom-main (WeCom)`: how a line names a channel. */
export function channelLabel(channel: Pick<ChannelResult, 'name' | 'kind'>, lang: Lang): string {
  const kind = t(lang, `channel.${channel.kind}`);
  return lang === 'zh' ? `${channel.name}（${kind}）` : `${channel.name} (${kind})`;
}
