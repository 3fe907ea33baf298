// Passed to page.evaluate: types `changes` values in turn and returns each one's latency
// (input event → the output shows that value's result), one frame apart.
async ([selector, field, output, values, expected, changes]) => {
  const form = document.querySelector(selector);
  const input = form.querySelector(`[name="${field}"]`);
  const out = form.querySelector(`output[name="${output}"]`);
  const latencies = [];
  for (let i = 0; i < changes; i++) {
    const k = (i + 1) % values.length;
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (out.textContent === expected[k]) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(out, { childList: true, characterData: true, subtree: true });
    });
    const start = performance.now();
    input.value = values[k];
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await done;
    latencies.push(performance.now() - start);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  return latencies;
};
