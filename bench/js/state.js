// Passed to page.evaluate after a visit: what the page scripts noted (ours.js or the baseline
// page, vitals.js, via_index.js), the first contentful paint, and which document the tab shows.
() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    bench: window.__bench || null,
    vitals: window.__vitals || null,
    index: window.__benchIndex || null,
    fcp: paint ? paint.startTime : null,
    navigation: navigation ? navigation.name : null,
    href: location.href,
  };
};
