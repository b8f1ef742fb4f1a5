// What "dial pad interactive" means in every mount benchmark: the dial form's textbox is in the DOM and enabled.
const TEXTBOX = 'input[name="to"]';

/** Resolves once the dial pad's textbox is in `root` and enabled (checked now, then on every DOM mutation). */
export function whenDialPadInteractive(root: HTMLElement): Promise<void> {
  const ready = (): boolean => {
    const input = root.querySelector<HTMLInputElement>(TEXTBOX);
    return input !== null && !input.disabled;
  };
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
  });
}
