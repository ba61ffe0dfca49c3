export type { PreviewReason, VisitClass, VisitSignals } from './visit-classifier';
export { PREVIEW_REASONS, classifyUserAgent, classifyVisit, isPrefetchRequest } from './visit-classifier';
export type { ClickCandidate } from './unique-clicks';
export { UNIQUE_CLICK_WINDOW_MS, markUniqueClicks, nextClickPoints } from './unique-clicks';
