"use client";
import { Suspense, useState } from "react";

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
 * Enter, Space, ArrowDown); `opens="dialog"` on click.
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
  const [pressed, setPressed] = useState(false);
  const prefetch = { onPointerEnter: () => void load(), onFocus: () => void load() };
  if (pressed) return <Suspense fallback={button(prefetch)}>{children}</Suspense>;
  const open = () => setPressed(true);
  if (opens === "dialog") return button({ ...prefetch, onClick: open });
  return button({
    ...prefetch,
    onPointerDown: (e) => {
      if (e.button === 0 && !e.ctrlKey) {
        e.preventDefault();
        open();
      }
    },
    onKeyDown: (e) => {
      if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
        e.preventDefault();
        open();
      }
    },
  });
}
