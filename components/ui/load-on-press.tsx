"use client";
import { createContext, Suspense, useContext, useRef, useState } from "react";

/** How the eager button was first pressed: a menu opened from the keyboard starts on its first item. */
const PressedWith = createContext<"pointer" | "keyboard">("pointer");

/**
 * For a lazy menu's Radix Content (`onFocus`): when the eager button was pressed from the
 * keyboard, the first opening moves focus on to the first item, as a Radix menu opened from the
 * keyboard does (WAI-ARIA menu button: Enter, Space and ArrowDown open on the first item). Radix
 * cannot tell by itself: it learns that the keyboard is in use from a keydown it listens to, and
 * the keydown that opened this menu came before the menu was mounted, so it focuses the menu
 * itself. Later openings are Radix's own.
 */
export function useFirstOpenFocus(): (e: React.FocusEvent<HTMLElement>) => void {
  const first = useRef(useContext(PressedWith) === "keyboard");
  return (e) => {
    if (!first.current || e.target !== e.currentTarget) return;
    first.current = false;
    // The first item that takes focus, as Radix's own does (an item hidden on this screen does not).
    for (const item of e.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([data-disabled])')) {
      item.focus({ preventScroll: true });
      if (document.activeElement === item) return;
    }
  };
}

/** What the eager button spreads on itself: fetch the lazy part early, and (until it is pressed) open it. */
export type PressProps = {
  onPointerEnter: () => void;
  onFocus: () => void;
  onPointerDown?: (e: React.PointerEvent<HTMLButtonElement>) => void;
  onKeyDown?: (e: React.KeyboardEvent<HTMLButtonElement>) => void;
  onClick?: () => void;
};

/**
 * A button whose popup (a Radix menu or dialog: positioning, focus trap, dismissable layers)
 * few visits open, so its code stays out of the route's first load (issue 11: first-load
 * JavaScript per route). The shape, shared by the user menu, the narrow-screen drawer and the
 * row menus:
 *
 * - `button` is rendered eagerly, looking and named as the popup's own button will be;
 * - `load` (the lazy part's `import()`) is fetched when the pointer or focus reaches it;
 * - on the first press it renders `children` (the `React.lazy` part, which mounts open), with the
 *   eager button as the Suspense fallback; from then on the part's own button is the button.
 *
 * `opens="menu"` presses as a menu button does (the left button's press, not a Ctrl-click;
 * Enter, Space, ArrowDown: its Content takes useFirstOpenFocus); `opens="dialog"` on click.
 */
export function LoadOnPress({
  load,
  opens,
  button,
  children,
}: {
  load: () => Promise<unknown>;
  opens: "menu" | "dialog";
  button: (press: PressProps) => React.ReactNode;
  children: React.ReactNode;
}) {
  const [pressed, setPressed] = useState<"pointer" | "keyboard" | null>(null);
  const prefetch = { onPointerEnter: () => void load(), onFocus: () => void load() };
  if (pressed) {
    return (
      <PressedWith.Provider value={pressed}>
        <Suspense fallback={button(prefetch)}>{children}</Suspense>
      </PressedWith.Provider>
    );
  }
  if (opens === "dialog") return button({ ...prefetch, onClick: () => setPressed("pointer") });
  return button({
    ...prefetch,
    onPointerDown: (e) => {
      if (e.button === 0 && !e.ctrlKey) {
        e.preventDefault();
        setPressed("pointer");
      }
    },
    onKeyDown: (e) => {
      if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
        e.preventDefault();
        setPressed("keyboard");
      }
    },
  });
}
