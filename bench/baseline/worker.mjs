import { loadPyodide } from "./pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: new URL("./", import.meta.url).href });
postMessage({ result: String(pyodide.runPython("sum(range(10))")) });
