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

// The excerpt is cut from the indexed text (the words Pagefind split it into, as its locations
// count them) rather than taken as Pagefind's markup: Pagefind marks a whole space-separated
// token ("GPUs." with its full stop), and starts at the title when the title matches.
const EXCERPT_WORDS = 30;
const SPACES = /[\r\n\s]+/g;
const WORD_EDGES = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

// How many words the text opens with that the card shows already (title, then summary).
function shownWords(words, meta) {
  let skip = 0;
  for (const shown of [meta.title, meta.summary]) {
    const shownText = (shown || "").trim().replace(/[.!?]$/, "");
    const count = shownText.split(SPACES).filter(Boolean).length;
    if (count && words.slice(skip, skip + count).join(" ").startsWith(shownText)) {
      skip += count;
    }
  }
  return skip;
}

// Where the window of EXCERPT_WORDS words holding the most matches starts, from `first` on.
function densest(matches, first, total) {
  let best = first;
  let bestCount = 0;
  for (const start of matches) {
    const count = matches.filter((at) => at >= start && at < start + EXCERPT_WORDS).length;
    if (count > bestCount) {
      best = start;
      bestCount = count;
    }
  }
  // A few words before the first match, for context, but never into what the card shows.
  return Math.max(first, Math.min(best - 5, total - EXCERPT_WORDS));
}

// A matched word marked without the punctuation around it: "GPUs." marks "GPUs".
function appendMarked(paragraph, word) {
  const [, before, core, after] = word.match(WORD_EDGES);
  const mark = document.createElement("mark");
  mark.textContent = core;
  paragraph.append(before, core ? mark : "", after);
}

function excerpt(result) {
  const paragraph = document.createElement("p");
  paragraph.className = "fn-search-excerpt";
  const words = result.content.split(SPACES);
  const first = shownWords(words, result.meta);
  const matches = result.locations.filter((at) => at >= first).sort((a, b) => a - b);
  const start = densest(matches, first, words.length);
  const end = Math.min(words.length, start + EXCERPT_WORDS);
  const matched = new Set(matches);
  paragraph.append(start > first ? "… " : "");
  for (let at = start; at < end; at++) {
    if (at > start) {
      paragraph.append(" ");
    }
    if (matched.has(at)) {
      appendMarked(paragraph, words[at]);
    } else {
      paragraph.append(words[at]);
    }
  }
  paragraph.append(end < words.length ? " …" : "");
  return paragraph;
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  made.className = className;
  made.textContent = text || "";
  return made;
}

// A result drawn as the site's cards are: category and number, title, summary; then the
// excerpt. Every value is set as text.
function card(result) {
  const { meta } = result;
  const item = element("li", "fn-search-card");
  if (/^[a-z0-9-]+$/.test(meta.category_slug || "")) {
    item.classList.add(`fn-category-${meta.category_slug}`);
  }
  const header = element("p", "fn-search-card-header");
  header.append(element("span", "fn-card-category", meta.category), " ",
                element("span", "fn-card-number", meta.number));
  const title = element("p", "fn-search-card-title");
  const link = element("a", "", meta.title);
  link.href = result.url;
  title.append(link);
  item.append(header, title);
  if (meta.summary) {
    item.append(element("p", "fn-search-card-summary", meta.summary));
  }
  item.append(excerpt(result));
  return item;
}

function show(results) {
  list.replaceChildren(...results.map(card));
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
