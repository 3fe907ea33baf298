// Init script of `python -m bench`: Largest Contentful Paint (the last entry) and
// Cumulative Layout Shift (shifts without recent input) of every document, in window.__vitals.
// The benchmark's typed value is a synthetic event: it neither stops LCP nor excuses a shift.
(() => {
  const vitals = { lcp: null, lcpElement: null, cls: 0, shifts: 0 };
  window.__vitals = vitals;
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      vitals.lcp = last.startTime;
      const element = last.element;
      vitals.lcpElement = element
        ? `${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ""}`
        : null;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        vitals.cls += entry.value;
        vitals.shifts += 1;
      }
    }).observe({ type: "layout-shift", buffered: true });
  } catch (error) {
    vitals.error = String(error);
  }
})();
