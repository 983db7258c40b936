// The search page. Asks the Pagefind index that the build writes into pagefind/ for the words
// in ?q= and lists the articles it finds, each with an excerpt. Two gaps of the index are
// closed here with the list of its words (pagefind/fieldnotes-words.json, most common first):
// - a word it does not know is read as a one-letter typo of the most common word one edit away;
// - its English stemmer cuts "rebalance" to "rebal" but "rebalancing" to "rebalanc", so each
//   word is also searched in the other inflected forms the articles use, and the best score
//   of each article counts.
const MAX_RESULTS = 20;
const MAX_SEARCHES = 12;
const TYPO_MIN_LENGTH = 4; // as in fieldnotes/search.py: shorter words are not in the list
const INFLECTIONS = ["", "s", "es", "e", "ed", "d", "ing", "er", "ers"];
const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
const box = document.getElementById("search-results");
const summary = box.querySelector(".search-summary");
const list = box.querySelector(".search");
const query = (new URLSearchParams(location.search).get("q") || "").trim();

// True when b is a one-letter typo of a: one letter changed, added, dropped or swapped.
function oneEditApart(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  while (i < a.length && a[i] === b[i]) {
    i++;
  }
  const restEqual = (from, to) => a.slice(from) === b.slice(to);
  if (a.length !== b.length) {
    return a.length > b.length ? restEqual(i + 1, i) : restEqual(i, i + 1);
  }
  return restEqual(i + 1, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && restEqual(i + 2, i + 2));
}

// The word as the articles spell it: itself when known (or the start of a known word, as
// Pagefind matches it), else the most common known word one typo away, else itself.
function spelled(term, words, known) {
  if (term.length < TYPO_MIN_LENGTH || known.has(term) || words.some((w) => w.startsWith(term))) {
    return term;
  }
  return words.find((word) => oneEditApart(term, word)) || term;
}

// The word and the articles' other inflected forms of it: rebalancing -> rebalance, rebalances...
function forms(word, known) {
  const found = new Set([word]);
  for (const ending of INFLECTIONS) {
    const base = word.slice(0, word.length - ending.length);
    if (word.endsWith(ending) && base.length >= TYPO_MIN_LENGTH) {
      INFLECTIONS.map((other) => base + other).filter((w) => known.has(w)).forEach((w) => found.add(w));
    }
  }
  return [...found];
}

// Every combination of each word's forms, the query as spelled first, at most MAX_SEARCHES.
function searches(wordForms) {
  let texts = [""];
  for (const options of wordForms) {
    texts = texts.flatMap((text) => options.map((form) => `${text} ${form}`.trim()));
  }
  return texts.slice(0, MAX_SEARCHES);
}

// The articles any of the searches found, each with its best score, best first.
async function find(pagefind, texts) {
  const best = new Map();
  for (const text of texts) {
    for (const result of (await pagefind.search(text)).results) {
      if (!best.has(result.id) || best.get(result.id).score < result.score) {
        best.set(result.id, result);
      }
    }
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
  return Promise.all(ranked.map((result) => result.data()));
}

// Pagefind's excerpt is markup with <mark> around the matches: keep the text and the marks only.
function excerpt(markup) {
  const paragraph = document.createElement("p");
  const parsed = new DOMParser().parseFromString(markup, "text/html").body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      paragraph.append(document.createElement("mark"));
      paragraph.lastChild.textContent = node.textContent;
    } else {
      paragraph.append(node.textContent);
    }
  }
  return paragraph;
}

function show(results) {
  for (const result of results) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title;
    item.append(link, excerpt(result.excerpt));
    list.append(item);
  }
  list.hidden = results.length === 0;
}

function counted(n) {
  return n === 1 ? "1 article" : `${n} articles`;
}

async function run() {
  document.querySelectorAll("input[name=q]").forEach((input) => { input.value = query; });
  if (!query) {
    summary.textContent = "Type a word into the search box.";
    return;
  }
  summary.textContent = "Searching…";
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  const words = await (await fetch(new URL("pagefind/fieldnotes-words.json", root))).json();
  const known = new Set(words);
  const terms = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const spelling = terms.map((term) => spelled(term, words, known));
  const results = await find(pagefind, searches(spelling.map((word) => forms(word, known))));
  show(results);
  const fixed = spelling.join(" ") !== terms.join(" ");
  const searched = fixed ? `“${spelling.join(" ")}” (nothing matches “${query}”)` : `“${query}”`;
  summary.textContent = results.length
    ? `Found ${counted(results.length)} for ${searched}.`
    : `No article found for “${query}”.`;
}

run().catch((error) => {
  summary.textContent = "Search is not available: the site's search index did not load.";
  console.error(error);
});
