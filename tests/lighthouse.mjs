// Lighthouse on each URL given, one after another in one Chromium, each report written as
// JSON to <folder>/<i>.json: one browser start for all pages. CHROME_PATH names the browser.
// Usage: node tests/lighthouse.mjs <folder> <category,category...> <url>...
import { writeFileSync } from "node:fs";
import { launch } from "chrome-launcher"; // Lighthouse's own launcher, installed with it
import lighthouse from "lighthouse";

const [folder, categories, ...urls] = process.argv.slice(2);
const chrome = await launch({ chromeFlags: ["--no-sandbox", "--headless", "--disable-gpu"] });
try {
  for (const [i, url] of urls.entries()) {
    const result = await lighthouse(url, {
      port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories.split(","),
    });
    writeFileSync(`${folder}/${i}.json`, result.report);
  }
} finally {
  await chrome.kill();
}
