import { render } from "@testing-library/react";

import { Root } from "../Root";
import type { Screen } from "../components/AppLayout";

/** The whole app (providers, shell, screens) as it starts, on `initialScreen`. */
export function renderApp(initialScreen?: Screen) {
  return render(<Root initialScreen={initialScreen} />);
}
