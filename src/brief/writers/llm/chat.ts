import { setTimeout as sleep } from 'node:timers/promises';
import { isRetryableStatus, retryDelayMs } from '../../../util/retry.ts';
import { redactSecrets } from '../../../util/secrets.ts';

/** One message of an OpenAI-compatible chat. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatReply {
  content: string;
  promptTokens: number;
  completionTokens: number;
}

export interface ChatSettings {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  temperature: number;
}

/**
 * A call that failed for good: the reason the run summary and brief.json (`stats.llm.fallbacks`) give for a
 * section that fell back. Its message is cleaned of secrets (redactSecrets): a provider may echo the key
 * in its error, and a base URL's credentials may show in the network's.
 */
export class ChatError extends Error {
  constructor(reason: string, apiKey?: string) {
    super(redactSecrets(reason, [apiKey]));
  }
}

/** The part of a chat completion the writer reads; anything else the provider adds is ignored. */
interface CompletionBody {
  choices?: { message?: { content?: unknown } }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
}

/**
 * Asks an OpenAI-compatible chat completions endpoint (DeepSeek, Qwen/DashScope, Moonshot, Zhipu, vLLM,
 * Ollama) for a JSON object. Network errors, timeouts, 429 and 5xx are retried with backoff (Retry-After
 * first); other statuses fail at once. `onCall` is told of every HTTP call made, for the token count.
 */
export async function askChat(settings: ChatSettings, messages: readonly ChatMessage[], onCall: (reply: ChatReply | null) => void): Promise<ChatReply> {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const body = JSON.stringify({ model: settings.model, messages, temperature: settings.temperature, response_format: { type: 'json_object' } });
  let lastReason = '';
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    let retryAfter: string | undefined;
    // Every attempt is a call to count; only a completion brings tokens.
    let reply: ChatReply | null = null;
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(settings.timeoutMs) });
      const text = await response.text();
      if (!response.ok) {
        lastReason = `HTTP ${response.status}`;
        if (!isRetryableStatus(response.status)) throw new ChatError(`${lastReason}: ${redactSecrets(text, [settings.apiKey]).slice(0, 200)}`, settings.apiKey);
        retryAfter = response.headers.get('retry-after') ?? undefined;
      } else {
        const parsed = JSON.parse(text) as CompletionBody;
        const content = parsed.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw new ChatError('the reply has no message content');
        reply = {
          content,
          promptTokens: typeof parsed.usage?.prompt_tokens === 'number' ? parsed.usage.prompt_tokens : 0,
          completionTokens: typeof parsed.usage?.completion_tokens === 'number' ? parsed.usage.completion_tokens : 0,
        };
        return reply;
      }
    } catch (err) {
      if (err instanceof ChatError) throw err;
      if (err instanceof SyntaxError) throw new ChatError('the API answered with something that is not JSON');
      lastReason = (err as Error).name === 'TimeoutError' ? `no answer within ${settings.timeoutMs} ms` : `network error: ${(err as Error).message}`;
    } finally {
      onCall(reply);
    }
    if (attempt < settings.retries) await sleep(retryDelayMs(attempt, settings.retryBaseMs, retryAfter));
  }
  throw new ChatError(`${lastReason} after ${settings.retries + 1} attempts`, settings.apiKey);
}
