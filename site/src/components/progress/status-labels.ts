// Kept apart from progress-text.ts so the lesson page's script loads only these few words.

import type { LessonStatus } from '../../lib/progress.ts';

/** A status as text with a symbol, so it does not rely on colour. */
export const STATUS_LABELS: Record<LessonStatus, { symbol: string; text: string }> = {
  done: { symbol: '✓', text: 'Done' },
  'in-progress': { symbol: '◐', text: 'In progress' },
  'not-started': { symbol: '○', text: 'Not started' },
};
