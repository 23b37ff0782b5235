// Where keyboard focus goes when the control it should return to is gone: a row's Delete button
// after its row was deleted, a row menu's button after the list re-rendered without it. Focus
// left on a removed element falls to <body>, and the next Tab starts again at the top of the
// page; the panel's <main id="main" tabIndex={-1}> keeps the reader in the page's content.

/** How long after a dialog closes its opener may still be removed (the list's refresh after a delete). */
const WATCH_MS = 5_000;

function focusMain(): void {
  document.getElementById("main")?.focus({ preventScroll: true });
}

/**
 * Focuses `el` when it is still in the document, else the page's main region. Until the user
 * moves focus, or WATCH_MS has passed, it also catches `el` being removed afterwards (a deleted
 * row goes once the server's answer has been rendered, after the dialog has closed) and moves
 * focus to the main region then.
 */
export function returnFocus(el: HTMLElement): void {
  if (!el.isConnected) return focusMain();
  el.focus();
  const observer = new MutationObserver(() => {
    if (el.isConnected) return;
    stop();
    if (document.activeElement === null || document.activeElement === document.body) focusMain();
  });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener("focusin", onFocus);
  };
  // Any focus the user moves elsewhere ends the watch; the return itself happened above.
  const onFocus = (e: FocusEvent) => {
    if (e.target !== el) stop();
  };
  const timer = setTimeout(stop, WATCH_MS);
  document.addEventListener("focusin", onFocus);
  observer.observe(document.body, { childList: true, subtree: true });
}
