// The "Open the editor" pattern of the lesson editor and the exercise: Monaco is loaded only when
// the reader asks for it, and a failed load says why and leaves the button to try again.

/** Shows `root`'s `[data-open]` button; a click runs `open` (which loads the editor) once it succeeds. */
export function openOnClick(root: HTMLElement, open: () => Promise<void>): void {
  const button = root.querySelector<HTMLButtonElement>('[data-open]');
  const problem = root.querySelector<HTMLElement>('[data-open-error]');
  if (!button) return;
  const label = button.textContent ?? '';
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Loading the editor…';
    try {
      await open();
      button.hidden = true;
    } catch (error) {
      button.disabled = false;
      button.textContent = label;
      if (problem) {
        problem.textContent = `The editor could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        problem.hidden = false;
      }
    }
  });
}
