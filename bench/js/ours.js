// Init script of `make bench`: on the calculator page, types the value as soon as the form is
// parsed and notes when that value's live result is on screen (window.__bench.live, ms from
// navigation start). __CONFIG__ is replaced by the benchmark's settings, as JSON.
((cfg) => {
  if (!location.pathname.endsWith(cfg.path)) return;
  window.__bench = {};
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector(`form.calculator[data-calculator="${cfg.calculator}"]`);
    const input = form.querySelector(`[name="${cfg.field}"]`);
    const output = form.querySelector(`output[name="${cfg.output}"]`);
    window.__bench.staticAtDomContentLoaded = output.textContent === cfg.staticText;
    window.__bench.stateAtDomContentLoaded = form.dataset.state;
    input.value = cfg.typed;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const check = () => {
      if (output.textContent !== cfg.expected || window.__bench.live) return;
      window.__bench.live = performance.now();
    };
    new MutationObserver(check).observe(output, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    check();
  });
})(__CONFIG__);
