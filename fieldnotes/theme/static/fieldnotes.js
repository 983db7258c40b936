// Furo writes its two sidebars as unnamed <aside> landmarks, outside any template block we
// can override; name them so screen reader users can tell them apart (axe: landmark-unique).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const names = { ".sidebar-drawer": "Site navigation", ".toc-drawer": "On this page" };
  for (const [selector, name] of Object.entries(names)) {
    const aside = document.querySelector(`aside${selector}`);
    if (aside && !aside.hasAttribute("aria-label")) aside.setAttribute("aria-label", name);
  }
});
