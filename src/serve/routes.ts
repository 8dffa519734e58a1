import type { DeskRoutes } from './app.ts';
import { archiveRoutes } from './archivePage.ts';

/** The desk's sections, each a module of its own (src/serve/*Page.ts), registered by `xinzhi serve`. */
export const deskRoutes: readonly DeskRoutes[] = [archiveRoutes];
