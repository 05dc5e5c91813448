import { openOnClick } from './open-on-click.ts';

/** Makes each LessonEditor's "Open the editor" button load Monaco on first click (and not before). */
export function setUpLessonEditors(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-lesson-editor]')) {
    openOnClick(root, async () => {
      const { openEditor } = await import('./editor-app.ts');
      openEditor(root);
    });
  }
}
