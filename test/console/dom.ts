// The few DOM shapes that the in-page callbacks (page.waitForFunction, locator.evaluateAll) use. The
// root tsconfig has no DOM lib on purpose (the backend must not see browser globals), so these
// callbacks, which run in Chromium, are typed structurally here; types vanish at run time and
// `(globalThis as unknown as InPage).document` is plain `document` in the page.
export interface DomElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  value?: string;
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
}

export interface InPage {
  document: {
    querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
    body: DomElement;
  };
}
