// Passed to page.evaluate: what ours.js noted, with the first contentful paint.
() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return { ...window.__bench, fcp: paint ? paint.startTime : null };
};
