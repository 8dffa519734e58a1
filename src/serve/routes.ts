import type { DeskRoutes } from './app.ts';
import { archiveRoutes } from './archivePage.ts';
import { sourcesSection } from './sourcesPage.ts';
import { todayRoutes } from './todayPage.ts';

/** The desk's sections, each a module of its own (src/serve/*Page.ts), registered by `xinzhi serve`. */
export const deskRoutes: readonly DeskRoutes[] = [todayRoutes, archiveRoutes, sourcesSection()];
