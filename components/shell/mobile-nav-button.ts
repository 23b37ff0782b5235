// The top bar's menu button (narrow screens), shared by the button that loads the drawer
// (mobile-nav.tsx) and the drawer's own button (mobile-nav-drawer.tsx).
export const MENU_BUTTON = {
  "aria-label": "Open the menu",
  className: "-ml-1 rounded-md p-2 text-slate-700 hover:bg-slate-100 lg:hidden",
  "data-testid": "menu-button",
} as const;
