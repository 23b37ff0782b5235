import { describe, expect, it } from "vitest";
import { POST } from "./route";

const post = (body: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) form.append(k, v);
  return POST(new Request("http://panel.test/preview/end", { method: "POST", body: form }));
};

describe("POST /preview/end", () => {
  it("drops the preview cookie and goes back to a path of this site, relatively", async () => {
    const res = await post({ back: "/settings/access?subuser=3" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/settings/access?subuser=3");
    expect(res.headers.get("set-cookie")).toMatch(/^sb-preview=; Path=\/; Max-Age=0/);
  });

  // Threat: open redirect through the back parameter.
  it("never sends anyone off-site: other hosts, protocol-relative and backslash paths go to the dashboard", async () => {
    for (const back of ["https://evil.test/", "//evil.test/x", "/\\evil.test", "javascript:alert(1)", ""]) {
      expect((await post({ back })).headers.get("location"), back).toBe("/dashboard");
    }
    const garbage = await POST(new Request("http://panel.test/preview/end", { method: "POST", body: "{{{", headers: { "content-type": "multipart/form-data; boundary=x" } }));
    expect(garbage.status).toBe(303);
  });
});
