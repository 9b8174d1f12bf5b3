// Screenshots of every screen against the fake backend (`?mock`), at exactly 1280×800.
// Usage: npm run build && npx vite preview --port 4173 & node --experimental-websocket scripts/screenshots.mjs [outDir]
// ONLY=name,name takes just those. An entry's 5th element scrolls that element to the top first.
// Needs a Chromium on PATH (CHROMIUM=/path to override). Drives it over the DevTools protocol,
// because `chromium --screenshot --window-size` counts the window frame into the size.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const base = process.env.BASE_URL ?? "http://127.0.0.1:4173/";
const out = process.argv[2] ?? "screenshots";
const shots = [
  ["send", "mock&screen=send"],
  ["send-ready", "mock=ready&screen=send"],
  ["send-empty", "mock=empty&screen=send"],
  ["send-queued", "mock=ready&screen=send", "[data-testid=send-button]"],
  ["jobs", "mock&screen=jobs"],
  ["jobs-drawer", "mock&screen=jobs", "[data-testid=job-row]:nth-child(3)"],
  ["jobs-drawer-hot-folder", "mock&screen=jobs", "[data-testid=job-row]:nth-child(2)"],
  ["jobs-deliveries-fr", "mock=easypost&screen=jobs&lang=fr", "[data-testid=job-row]:nth-child(2)"],
  ["setup", "mock&screen=setup"],
  ["inbox", "mock&screen=inbox"],
  ["settings", "mock&screen=settings"],
  // Settings → Hot folders: the list, and the form to add one (scrolled into view: 5th entry).
  ["settings-hot-folders", "mock&screen=settings", null, null, "[data-testid=hot-folders]"],
  ["settings-hot-folder-add", "mock&screen=settings", "[data-testid=hot-folder-add]", null, "[data-testid=hot-folder-form]"],
  ["settings-hot-folder-own-options", "mock&screen=settings", ["[data-testid=hot-folder-add]", "[data-testid=hot-folder-use-defaults]"], null, "[data-testid=hot-folder-use-defaults]"],
  ["settings-hot-folders-dark-fr", "mock&screen=settings&lang=fr", "[data-testid=hot-folder-add]", "dark", "[data-testid=hot-folders]"],
  ["settings-hot-folders-de", "mock&screen=settings&lang=de", null, null, "[data-testid=hot-folders]"],
  ["send-live-de", "mock=live&screen=send&lang=de"],
  ["send-dialog", "mock=dialog&screen=send", "[data-testid=send-button]"],
  ["send-dialog-de", "mock=dialog&screen=send&lang=de", "[data-testid=send-button]"],
  ["send-dark", "mock&screen=send", null, "dark"],
  ["send-split-offer", "mock=split&screen=send"],
  ["send-split", "mock=split&screen=send", "[data-testid=split-offer]"],
  ["send-split-de", "mock=split&screen=send&lang=de", "[data-testid=split-offer]"],
  // The assistant's EasyPost page with the OAuth2 client chosen (clicks one after another).
  ["wizard-easypost-oauth2", "mock=wizard&screen=send", [
    "[data-testid=wizard-choose-account]", "[data-testid=wizard-provider]", "[data-testid=wizard-provider-easypost]", "[data-testid=easypost-auth] input[value=oauth2]",
  ]],
];

mkdirSync(out, { recursive: true });
const port = 9333;
const chrome = spawn(process.env.CHROMIUM ?? "chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", `--remote-debugging-port=${port}`, "about:blank",
], { stdio: "ignore" });

try {
  let target;
  for (let i = 0; i < 50 && !target; i++) {
    await sleep(200);
    try {
      target = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()).find((t) => t.type === "page");
    } catch { /* not up yet */ }
  }
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r) => ws.addEventListener("open", r, { once: true }));
  let id = 0;
  const pending = new Map();
  ws.addEventListener("message", (e) => {
    const msg = JSON.parse(e.data);
    if (msg.id && pending.has(msg.id)) pending.get(msg.id)(msg), pending.delete(msg.id);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  await send("Page.enable");
  await send("Runtime.enable");
  await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
  const only = process.env.ONLY?.split(",");
  for (const [name, query, click, scheme, scroll] of shots) {
    if (only && !only.includes(name)) continue;
    await send("Emulation.setEmulatedMedia", {
      features: [{ name: "prefers-color-scheme", value: scheme ?? "light" }, { name: "prefers-reduced-motion", value: "reduce" }],
    });
    // The language the clerk chose in Settings (stored like the app stores it).
    const lang = new URLSearchParams(query).get("lang");
    await send("Page.navigate", { url: `${base}?mock=empty&screen=settings` });
    await sleep(300);
    await send("Runtime.evaluate", {
      expression: lang ? `localStorage.setItem("postdesk.language", ${JSON.stringify(lang)})` : `localStorage.removeItem("postdesk.language")`,
    });
    await send("Page.navigate", { url: `${base}?${query}` });
    await sleep(1500);
    for (const c of click ? [click].flat() : []) {
      await send("Runtime.evaluate", { expression: `document.querySelector(${JSON.stringify(c)})?.click()` });
      await sleep(800);
    }
    if (scroll) {
      await send("Runtime.evaluate", { expression: `document.querySelector(${JSON.stringify(scroll)})?.scrollIntoView({ block: "start" }); window.scrollBy(0, -76)` });
      await sleep(300);
    }
    const { data } = await send("Page.captureScreenshot", { format: "png" });
    writeFileSync(`${out}/${name}.png`, Buffer.from(data, "base64"));
    console.log(`${out}/${name}.png`);
  }
  ws.close();
} finally {
  chrome.kill();
}
