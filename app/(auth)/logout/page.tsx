import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { logoutAction } from "../actions";

export const metadata: Metadata = { title: "Log out" };

// Logging out is a POST (mutations are POST-only); this page is where a /logout link lands.
export default function LogoutPage() {
  return (
    <form action={logoutAction} className="space-y-4 text-center">
      <h1 className="text-lg font-semibold">Log out of Switchboard?</h1>
      <Button type="submit" className="w-full">
        Log out
      </Button>
    </form>
  );
}
