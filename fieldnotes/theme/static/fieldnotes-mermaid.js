// Draws each diagram (a ```mermaid block) with the site's own copy of mermaid, in the
// reader's theme. Loaded only on pages that have a diagram.
(function () {
  "use strict";
  const chosen = document.body.dataset.theme;
  const dark = chosen === "dark" ||
    (chosen !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  window.mermaid.run({ querySelector: "pre.fn-diagram" });
})();
