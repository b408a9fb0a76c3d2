/** The HTML report of `whittle inspect`: `formatInspectHtml(report)`; `htmlDetail` computes the data it draws. */
export { formatInspectHtml } from './page.js';
export { DEFAULT_DETAIL_LIMITS, htmlDetail } from './detail.js';
export type { DetailLimits } from './detail.js';
