import { load } from 'cheerio';

/**
 * What a list page that gave no dated links looks like, as far as its markup tells why:
 * - `hanweb-datastore`: a Hanweb (大汉) page whose records sit in a `<datastore><recordset><record>` block
 *   of a `<script type="text/xml">`, written into the page by its jpage script;
 * - `hanweb-buildstatic`: a Hanweb JPaaS page whose list a `<script parseType="buildstatic">` fetches from
 *   `/api-gateway/jpaas-publish-server/front/page/build/unit`;
 * - `script-built`: a script fetches the list (`$.ajax`, `$.getJSON`, `fetch(`, `XMLHttpRequest`, axios),
 *   or the page is an empty application shell (`<div id="app"></div>` and a script bundle);
 * - `static`: none of these: the page holds no dated list (a wrong address, or a layout the finder misses).
 * The first three need an adapter or an `api` entry rather than a list reader.
 */
export type PageLook = 'hanweb-datastore' | 'hanweb-buildstatic' | 'script-built' | 'static';

const datastore = /<datastore\b[^>]*>[\s\S]*?<recordset\b/i;
const buildstatic = /jpaas-publish-server\/front\/page\/build\/unit/;
const fetchesData = /\$\.(?:ajax|getJSON|get|post)\s*\(|\bfetch\s*\(|\bnew\s+XMLHttpRequest\b|\baxios(?:\.\w+)?\s*\(/;

/** What a page that gave no dated links looks like (see PageLook), from its markup and inline scripts. */
export function pageLook(html: string): PageLook {
  if (datastore.test(html)) return 'hanweb-datastore';
  const $ = load(html);
  if ($('script[parsetype="buildstatic" i]').length > 0 || buildstatic.test(html)) return 'hanweb-buildstatic';
  const inline = $('script:not([src])').toArray().map((script) => $(script).text()).join('\n');
  if (fetchesData.test(inline)) return 'script-built';
  const shell = $('#app, #root').filter((_, root) => $(root).children().length === 0 && $(root).text().trim() === '');
  if (shell.length > 0 && $('script[src]').length > 0) return 'script-built';
  return 'static';
}
