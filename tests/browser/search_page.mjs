// The search page in a real browser: headless Debian chromium, driven by puppeteer-core, over
// dateline-serve on a free loopback port and an index of corpus/ built by dateline-index. It
// types a query, ticks an outlet, and checks the hits and counts against dateline-search's
// JSON for the same searches; Back and the article view too. A screenshot is saved beside the
// test's output (DATELINE_BROWSER_OUT). Exit 0 passed, 1 failed, 77 skipped (ctest: Skipped;
// under CI=true a missing browser or puppeteer-core fails instead).
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, rmSync, readdirSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const env = process.env;
const inCi = env.CI === "true" || env.CI === "1";
const chromium = env.DATELINE_CHROMIUM || "/usr/bin/chromium";
const out = env.DATELINE_BROWSER_OUT || tmpdir();
const deadline = setTimeout(() => fail("took longer than 120 s"), 120000);

function fail(message) {
  console.error("FAILED: " + message);
  process.exit(1);
}

function skip(message) {
  if (inCi) fail(message + " (CI=true: not a skip)");
  console.log("skipped: " + message);
  process.exit(77);
}

function check(ok, message) {
  if (!ok) fail(message);
  console.log("ok: " + message);
}

let puppeteer;
try {
  puppeteer = (await import("puppeteer-core")).default;
} catch {
  skip("puppeteer-core is not installed (./setup.sh test runs npm ci in tests/browser)");
}
if (!existsSync(chromium)) skip(chromium + " is absent (apt-get install chromium)");

// An index of corpus/ in a fresh folder, by the real indexer.
const work = mkdtempSync(join(tmpdir(), "dateline-browser-"));
const corpus = join(work, "corpus");
mkdirSync(corpus);
for (const f of readdirSync(join(env.DATELINE_SOURCE_DIR, "corpus")))
  if (f.endsWith(".txt")) copyFileSync(join(env.DATELINE_SOURCE_DIR, "corpus", f), join(corpus, f));
const db = join(work, "seeds.db");
execFileSync(env.DATELINE_INDEX_BIN, ["build", corpus, "--db", db], { stdio: "ignore" });

function cli(args) {
  const r = spawnSyncJson(env.DATELINE_SEARCH_BIN, ["--db", db, "--format", "json", ...args]);
  return r;
}
function spawnSyncJson(program, args) {
  try {
    return JSON.parse(execFileSync(program, args, { encoding: "utf8" }));
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout);  // nothing found: still a document
    throw e;
  }
}

// dateline-serve on any free loopback port: the port is in its first line.
const server = spawn(env.DATELINE_SERVE_BIN, ["--db", db, "--listen", "127.0.0.1:0"],
                     { stdio: ["ignore", "ignore", "pipe"] });
const port = await new Promise((resolve, reject) => {
  createInterface({ input: server.stderr }).once("line", (line) => {
    const m = line.match(/127\.0\.0\.1:(\d+)/);
    m ? resolve(Number(m[1])) : reject(new Error("dateline-serve said: " + line));
  });
  server.once("exit", (code) => reject(new Error("dateline-serve exited " + code)));
});
const base = `http://127.0.0.1:${port}/`;

const browser = await puppeteer.launch({
  executablePath: chromium, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
});

// What the page shows: each hit's article and passage, the summary, a facet's counts.
async function shown(page) {
  return page.evaluate(() => ({
    hits: [...document.querySelectorAll("#hits li")].map((li) => li.dataset.article + "#" + li.dataset.passage),
    summary: document.getElementById("summary").textContent,
    sources: Object.fromEntries([...document.querySelectorAll('.facet[data-field="source"] li')].map((li) =>
      [li.querySelector(".value").textContent, Number(li.querySelector(".count").textContent)])),
    snippetMarks: document.querySelectorAll("#hits mark").length,
  }));
}

// The same for the CLI's document (the page asks for 20 hits; facets list at most 12 values).
function expected(doc) {
  return {
    hits: doc.hits.slice(0, 20).map((h) => h.article_id + "#" + h.passage),
    total: doc.total_results,
    sources: Object.fromEntries(doc.facets.source.slice(0, 12).map((v) => [v.value, v.count])),
  };
}

async function settled(page, urlPart) {
  await page.waitForFunction((part) => location.search.includes(part) &&
      document.getElementById("status").textContent.endsWith(" ms"), { timeout: 20000 }, urlPart);
}

function compare(page, doc, what) {
  const want = expected(doc);
  check(JSON.stringify(page.hits) === JSON.stringify(want.hits),
        `${what}: the page's ${page.hits.length} hits are the CLI's, in order`);
  check(page.summary.startsWith(want.total + " "), `${what}: ${want.total} results, as the CLI counts`);
  check(JSON.stringify(page.sources) === JSON.stringify(want.sources),
        `${what}: outlet counts as the CLI's ${JSON.stringify(want.sources)}`);
}

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("requestfailed", (r) => errors.push("request failed: " + r.url()));
  await page.goto(base, { waitUntil: "networkidle0" });
  await page.type("#q", "Lukashenko", { delay: 30 });
  await settled(page, "q=Lukashenko");
  const typed = await shown(page);
  compare(typed, cli(["--limit", "20", "Lukashenko"]), "typed 'Lukashenko'");
  check(typed.snippetMarks > 0, "snippets highlight the word");

  await page.click('input[data-field="source"][data-value="Breitbart"]');
  await settled(page, "source=Breitbart");
  const ticked = await shown(page);
  compare(ticked, cli(["--limit", "20", "--source", "Breitbart", "Lukashenko"]), "ticked Breitbart");
  check(await page.$eval('input[data-value="Breitbart"]', (b) => b.checked), "Breitbart stays ticked");
  await page.screenshot({ path: join(out, "search_page.png"), fullPage: true });
  console.log("screenshot: " + join(out, "search_page.png"));

  await page.goBack();
  await settled(page, "q=Lukashenko");
  await page.waitForFunction(() => !location.search.includes("source="), { timeout: 10000 });
  const back = await shown(page);
  check(JSON.stringify(back.hits) === JSON.stringify(typed.hits), "Back shows the search before the tick");

  await page.click("#hits li h3 a");
  await page.waitForSelector("#article_passages li.hit", { timeout: 10000 });
  check(await page.$eval("#article_title", (t) => t.textContent.length > 0), "a hit opens its article, passage highlighted");
  await page.screenshot({ path: join(out, "article_page.png"), fullPage: false });
  check(errors.length === 0, "no script error or failed request: " + errors.join("; "));
} catch (e) {
  fail(e.stack || String(e));
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
  clearTimeout(deadline);
}
console.log("passed");
