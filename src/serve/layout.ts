import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfUserInfo } from './context.ts';
import { html, type Interpolation, type Markup } from './html.ts';
import { common } from './text.ts';

/** The desk's sections, in the order the top bar shows them. */
export type Section = 'today' | 'archive' | 'sources' | 'none';

/** A page of the desk: its title (after the product's), which section is lit, and its body. */
export interface Page {
  title: string;
  section: Section;
  body: Markup;
}

/**
 * A hidden field with the CSRF token: every POST form of the desk puts this inside it (src/serve/app.ts
 * refuses a POST without a token matching the visitor's cookie and account).
 */
export function csrfField(reply: FastifyReply): Markup {
  return html`<input type="hidden" name="_csrf" value="${reply.generateCsrf({ userInfo: csrfUserInfo(reply.request) })}">`;
}

/** The link that switches the language and comes back to this page. */
function languageLink(request: FastifyRequest): Markup {
  const to = request.lang === 'zh' ? 'en' : 'zh';
  return html`<a class="lang" href="/lang?to=${to}&amp;next=${encodeURIComponent(request.url)}" lang="${to === 'zh' ? 'zh-CN' : 'en'}">${common(request.lang, 'otherLang')}</a>`;
}

/**
 * A whole desk page: the top bar (sections, language, account, sign out) and the body. No inline script or
 * style anywhere: the Content-Security-Policy of app.ts forbids them, so scraped text cannot run.
 */
export function renderPage(request: FastifyRequest, reply: FastifyReply, page: Page): string {
  const lang = request.lang;
  const say = (key: Parameters<typeof common>[1], ...args: (string | number)[]) => common(lang, key, ...args);
  const sections: [Exclude<Section, 'none'>, string][] = [['today', '/today'], ['archive', '/archive'], ['sources', '/sources']];
  const user = request.user;
  const nav: Interpolation = user
    ? html`<nav aria-label="${say('product')}">${sections.map(([section, href]) => html`<a href="${href}"${page.section === section ? html` aria-current="page"` : ''}>${say(section)}</a>`)}</nav>
      <div class="account"><span>${say('signedInAs', user.name, say(`role.${user.role}`))}</span>
        <form method="post" action="/logout">${csrfField(reply)}<button type="submit" class="link">${say('signOut')}</button></form></div>`
    : '';
  return html`<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · ${say('product')}</title>
<link rel="stylesheet" href="/assets/desk.css">
</head>
<body>
<a class="skip" href="#main">${say('skip')}</a>
<header class="top"><a class="brand" href="/">${say('product')}</a>${nav}${languageLink(request)}</header>
<main id="main">${page.body}</main>
</body>
</html>
`.text;
}

/** Sends a page as HTML with its status. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: Page, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(request, reply, page));
}

/**
 * A page that only says something (an error, a refusal), with a link back: `title` a short heading (the
 * page's <h1> and title), `message` the one sentence that explains, said once below it.
 */
export function messagePage(request: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  const body = html`<section class="message"><h1>${title}</h1><p>${message}</p><p><a href="/">${common(request.lang, 'back')}</a></p></section>`;
  return sendPage(request, reply, { title, section: 'none', body }, status);
}
