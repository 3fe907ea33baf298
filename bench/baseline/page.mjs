// Baseline for `make bench`: bare Pyodide from the npm files in a module worker, one line
// of Python, the answer written to the page. window.__bench.live is when it is on screen.
window.__bench = {};
const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
worker.addEventListener("message", ({ data }) => {
  document.getElementById("result").textContent = data.result;
  window.__bench.live = performance.now();
});
