import { createTheme } from "@mantine/core";

// System fonts only: the app's CSP allows no remote fonts, and they feel native.
export const theme = createTheme({
  primaryColor: "blue",
  defaultRadius: "md",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif",
  fontFamilyMonospace: "ui-monospace, 'Cascadia Mono', 'Segoe UI Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
  headings: { fontWeight: "600" },
  cursorType: "pointer",
});
