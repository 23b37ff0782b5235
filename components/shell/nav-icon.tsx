import {
  Activity, Ban, Bell, BellRing, Bookmark, Boxes, Hash, History, Key, KeyRound, LayoutDashboard, LifeBuoy,
  MessageSquare, MessagesSquare, Network, PhoneCall, PhoneOutgoing, Rocket, ScrollText, Server, Shield, ShoppingCart,
  Store, Ticket, User, Users, Wallet, Webhook, Circle, type LucideIcon,
} from "lucide-react";

const ICONS: Record<string, LucideIcon> = {
  activity: Activity, ban: Ban, bell: Bell, "bell-ring": BellRing, bookmark: Bookmark, boxes: Boxes, hash: Hash,
  history: History, key: Key, "key-round": KeyRound, "layout-dashboard": LayoutDashboard, "life-buoy": LifeBuoy,
  "message-square": MessageSquare, "messages-square": MessagesSquare, network: Network, "phone-call": PhoneCall,
  "phone-outgoing": PhoneOutgoing, rocket: Rocket, "scroll-text": ScrollText, server: Server, shield: Shield,
  "shopping-cart": ShoppingCart, store: Store, ticket: Ticket, user: User, users: Users, wallet: Wallet, webhook: Webhook,
};

export function NavIcon({ name }: { name: string }) {
  const Icon = ICONS[name] ?? Circle;
  return <Icon aria-hidden className="size-4 shrink-0" />;
}
