// Init script of `python -m bench` for the visit through the calculator index: notes
// when the link to the calculator page is clicked, types the value as soon as the calculator's
// form exists (whether Material's instant navigation put it into this document or a new
// document was loaded) and notes when that value's live result is on screen. Times are epoch
// milliseconds (timeOrigin + now), so they compare across documents; a full navigation learns
// the click's time from sessionStorage. __CONFIG__ is replaced by the settings, as JSON.
((cfg) => {
  const now = () => performance.timeOrigin + performance.now();
  const bench = { documentStarted: now(), typedForms: 0 };
  window.__benchIndex = bench;
  const stored = sessionStorage.getItem("__benchClick");
  if (stored) bench.clickAt = Number(stored);
  document.addEventListener(
    "click",
    (event) => {
      if (!(event.target instanceof Element) || !event.target.closest(cfg.link)) return;
      bench.clickAt = now();
      sessionStorage.setItem("__benchClick", String(bench.clickAt));
    },
    true,
  );
  const formSelector = `form.calculator[data-calculator="${cfg.calculator}"]`;
  let typed = null;
  // Instant navigation may swap the content more than once: watch the document, not a node,
  // and type again into a form that replaced the one typed into.
  const watch = () => {
    const form = document.querySelector(formSelector);
    if (!form) return;
    const input = form.querySelector(`[name="${cfg.field}"]`);
    const output = form.querySelector(`output[name="${cfg.output}"]`);
    if (!input || !output) return;
    if (form !== typed) {
      typed = form;
      bench.typedForms += 1;
      if (bench.formAt === undefined) {
        bench.formAt = now();
        bench.stateAtForm = form.dataset.state;
      }
      input.value = cfg.typed;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (bench.live === undefined && output.textContent === cfg.expected) bench.live = now();
  };
  new MutationObserver(watch).observe(document, {
    childList: true,
    characterData: true,
    subtree: true,
  });
})(__CONFIG__);
