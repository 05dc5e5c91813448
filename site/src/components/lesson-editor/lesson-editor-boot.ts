/** Makes each LessonEditor's "Open the editor" button load Monaco on first click (and not before). */
export function setUpLessonEditors(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-lesson-editor]')) {
    const open = root.querySelector<HTMLButtonElement>('[data-open]');
    const problem = root.querySelector<HTMLElement>('[data-open-error]');
    if (!open) continue;
    open.hidden = false;
    open.addEventListener('click', async () => {
      open.disabled = true;
      open.textContent = 'Loading the editor…';
      try {
        const { openEditor } = await import('./editor-app.ts');
        openEditor(root);
        open.hidden = true;
      } catch (error) {
        open.disabled = false;
        open.textContent = 'Open the editor';
        if (problem) {
          problem.textContent = `The editor could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
          problem.hidden = false;
        }
      }
    });
  }
}
